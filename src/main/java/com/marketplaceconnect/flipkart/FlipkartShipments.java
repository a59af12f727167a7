package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.marketplaceconnect.sync.SyncCursors;
import com.marketplaceconnect.sync.SyncProperties;
import com.marketplaceconnect.sync.SyncWindow;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Seller API v3 calls of a sync and reads their answers. The first page of a search is
 * {@code POST /v3/shipments/filter}; later pages are {@code GET} of the returned {@code nextPageUrl}, used exactly as
 * Flipkart sent it (relative to {@code /sellers}; its path and raw query go to the HTTP component unaltered) while
 * {@code hasMore} is true. Details (addresses, buyer) come from {@code GET /v3/shipments/{ids}}, at most 100 ids a call.
 */
@Component("flipkartShipments")
public class FlipkartShipments {
    public static final String NEXT_PAGE_URL = "flipkartNextPageUrl";
    public static final String MORE_PAGES = "morePages";
    public static final String SHIPMENTS = "flipkartShipments";
    public static final String DETAILS = "flipkartShipmentDetails";
    public static final String DETAILS_BATCH = "flipkartDetailsBatch";
    private static final String DETAILS_QUEUE = "flipkartDetailsQueue";
    private static final int MAX_DETAIL_IDS = 100;
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlipkartProperties properties;

    public FlipkartShipments(FlipkartProperties properties) {
        this.properties = properties;
    }

    /** Route step before the search call: the filter POST, or a GET of the next page. */
    public void prepareSearch(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        message.setHeader("Accept", "application/json");
        String next = exchange.getProperty(NEXT_PAGE_URL, String.class);
        if (next != null) {
            int q = next.indexOf('?');
            message.setHeader(Exchange.HTTP_METHOD, "GET");
            message.setHeader(Exchange.HTTP_PATH, q < 0 ? next : next.substring(0, q));
            if (q >= 0) {
                message.setHeader(Exchange.HTTP_QUERY, next.substring(q + 1));
            }
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, "/v3/shipments/filter");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.writeValueAsString(filterBody(exchange.getProperty(FlipkartSyncPlanner.SEARCH, FlipkartSearch.class),
                exchange.getProperty(SyncCursors.WINDOW, SyncWindow.class))));
    }

    ObjectNode filterBody(FlipkartSearch search, SyncWindow window) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode filter = body.putObject("filter");
        filter.put("type", search.type());
        if (search.states() != null) {
            ArrayNode states = filter.putArray("states");
            search.states().forEach(states::add);
        }
        if ("preDispatch".equals(search.type())) {
            filter.put("hold", search.hold());
        }
        if (search.cancellationType() != null) {
            filter.put("cancellationType", search.cancellationType());
        }
        ObjectNode modified = filter.putObject("modifiedDate");
        modified.put("from", ist(window.from()));
        modified.put("to", ist(window.to()));
        body.putObject("pagination").put("pageSize", properties.sync().pageSize());
        ObjectNode sort = body.putObject("sort");
        sort.put("field", "modifiedDate");
        sort.put("order", "asc");
        return body;
    }

    private static String ist(java.time.Instant instant) {
        return OffsetDateTime.ofInstant(instant, IST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Route step after the search call: body = one page; keeps its shipments and where the next page is. */
    public void searchPage(Exchange exchange) throws Exception {
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        if (page == null || !page.path("shipments").isArray()) {
            throw new MalformedMarketplaceResponseException("shipments/filter answered without a shipments array");
        }
        List<JsonNode> shipments = new ArrayList<>();
        page.path("shipments").forEach(shipments::add);
        String next = page.path("nextPageUrl").asText("");
        // nextPageUrl is present on the last page too: hasMore decides.
        boolean more = page.path("hasMore").asBoolean(false);
        if (more && next.isBlank()) {
            throw new MalformedMarketplaceResponseException("shipments/filter answered hasMore without a nextPageUrl");
        }
        exchange.setProperty(SHIPMENTS, shipments);
        exchange.setProperty(MORE_PAGES, more);
        exchange.setProperty(NEXT_PAGE_URL, more ? next : null);
        exchange.getMessage().setBody(null);
    }

    /** Route step: which shipments of the page need details, in batches; none for cancelled shipments. */
    @SuppressWarnings("unchecked")
    public void planDetails(Exchange exchange) {
        FlipkartSearch search = exchange.getProperty(FlipkartSyncPlanner.SEARCH, FlipkartSearch.class);
        List<JsonNode> shipments = exchange.getProperty(SHIPMENTS, List.class);
        exchange.setProperty(DETAILS, new LinkedHashMap<String, JsonNode>());
        Deque<String> batches = new ArrayDeque<>();
        if (search.needsDetails()) {
            int size = Math.max(1, Math.min(MAX_DETAIL_IDS, properties.sync().detailsBatchSize()));
            List<String> ids = shipments.stream().map(s -> s.path("shipmentId").asText("")).filter(id -> !id.isBlank()).toList();
            for (int i = 0; i < ids.size(); i += size) {
                batches.add(String.join(",", ids.subList(i, Math.min(ids.size(), i + size))));
            }
        }
        exchange.setProperty(DETAILS_QUEUE, batches);
        exchange.setProperty(DETAILS_BATCH, batches.poll());
    }

    /** Route step before a details call. */
    public void prepareDetails(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_PATH, "/v3/shipments/" + exchange.getProperty(DETAILS_BATCH, String.class));
        message.setHeader("Accept", "application/json");
        message.setBody(null);
    }

    /** Route step after a details call: keeps each shipment's details and moves to the next batch. */
    @SuppressWarnings("unchecked")
    public void details(Exchange exchange) throws Exception {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        if (body == null || !body.path("shipments").isArray()) {
            throw new MalformedMarketplaceResponseException("shipments/{ids} answered without a shipments array");
        }
        Map<String, JsonNode> details = exchange.getProperty(DETAILS, Map.class);
        body.path("shipments").forEach(s -> details.put(s.path("shipmentId").asText(), s));
        exchange.setProperty(SyncProperties.API_CALLS, exchange.getProperty(SyncProperties.API_CALLS, 0, Integer.class) + 1);
        Deque<String> batches = exchange.getProperty(DETAILS_QUEUE, Deque.class);
        exchange.setProperty(DETAILS_BATCH, batches.poll());
        exchange.getMessage().setBody(null);
    }
}
