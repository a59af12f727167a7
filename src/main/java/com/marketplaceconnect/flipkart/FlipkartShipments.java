package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplaceconnect.connectors.MalformedMarketplaceResponseException;
import com.marketplaceconnect.sync.SyncProperties;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the answers of a sync's Seller API v3 calls (routes/flipkart-order-sync.yaml). A search page
 * ({@code shipments/filter}) gives its shipments and, while {@code hasMore} is true, the {@code nextPageUrl} to GET,
 * kept exactly as Flipkart sent it (relative to {@code /sellers}; split into path and raw query for the HTTP
 * component, which passes both on unaltered). Details ({@code GET /v3/shipments/{ids}}) give addresses and buyers.
 */
@Component("flipkartShipments")
public class FlipkartShipments {
    /** Exchange properties of a sync's search. */
    public static final String SHIPMENTS = "flipkartShipments";
    public static final String MORE_PAGES = "morePages";
    public static final String NEXT_PAGE_PATH = "flipkartNextPagePath";
    public static final String NEXT_PAGE_QUERY = "flipkartNextPageQuery";
    public static final String DETAILS = "flipkartShipmentDetails";

    private final FlipkartProperties properties;

    public FlipkartShipments(FlipkartProperties properties) {
        this.properties = properties;
    }

    /** Route step after the search call: body = one page; keeps its shipments and where the next page is. */
    public void searchPage(Exchange exchange) throws MalformedMarketplaceResponseException {
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
        int q = next.indexOf('?');
        exchange.setProperty(NEXT_PAGE_PATH, more ? (q < 0 ? next : next.substring(0, q)) : null);
        exchange.setProperty(NEXT_PAGE_QUERY, more && q >= 0 ? next.substring(q + 1) : null);
    }

    /**
     * The page's shipment ids that need details, as comma-separated batches of at most
     * {@code flipkart.sync.details-batch-size} (≤ 100); none for cancelled shipments.
     */
    public List<String> detailBatches(FlipkartSearch search, List<JsonNode> shipments) {
        List<String> batches = new ArrayList<>();
        if (!search.needsDetails()) {
            return batches;
        }
        int size = properties.sync().detailsBatchSize();
        List<String> ids = shipments.stream().map(s -> s.path("shipmentId").asText("")).filter(id -> !id.isBlank()).toList();
        for (int i = 0; i < ids.size(); i += size) {
            batches.add(String.join(",", ids.subList(i, Math.min(ids.size(), i + size))));
        }
        return batches;
    }

    /** Route step after a details call: body = the answer; returns its shipments. */
    public JsonNode detailsAnswer(JsonNode answer) throws MalformedMarketplaceResponseException {
        if (answer == null || !answer.path("shipments").isArray()) {
            throw new MalformedMarketplaceResponseException("shipments/{ids} answered without a shipments array");
        }
        return answer.get("shipments");
    }

    /** Route step after a details call: body = its shipments; keeps each one's details by id and counts the call. */
    @SuppressWarnings("unchecked")
    public void keepDetails(Exchange exchange) {
        JsonNode shipments = exchange.getMessage().getBody(JsonNode.class);
        Map<String, JsonNode> details = exchange.getProperty(DETAILS, Map.class);
        shipments.forEach(s -> details.put(s.path("shipmentId").asText(), s));
        exchange.setProperty(SyncProperties.API_CALLS, exchange.getProperty(SyncProperties.API_CALLS, 0, Integer.class) + 1);
    }
}
