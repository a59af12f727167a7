package com.marketplaceconnect.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSeller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flipkart simulator over plain HTTP, as Flipkart's own clients would call it. */
class FlipkartSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-10T06:00:00Z"));
    private static MarketplaceSandbox sandbox;

    record Reply(int status, JsonNode json) {
    }

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(CLOCK));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String newSellerId() {
        return "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    }

    private static Reply send(HttpRequest.Builder builder) throws Exception {
        HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    private static Reply token(String appId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((appId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth-service/oauth/token?grant_type=client_credentials&scope=Seller_Api"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET());
    }

    private static String accessToken(FlipkartSeller seller) throws Exception {
        return token(seller.appId(), seller.appSecret()).json().get("access_token").asText();
    }

    private static Reply post(String token, String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static Reply get(String token, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("Authorization", "Bearer " + token).GET());
    }

    private static Map<String, Object> filter(String type, Map<String, Object> more, int pageSize) {
        Map<String, Object> filter = new java.util.HashMap<>(more);
        filter.put("type", type);
        return Map.of("filter", filter, "pagination", Map.of("pageSize", pageSize), "sort", Map.of("field", "modifiedDate", "order", "asc"));
    }

    /** The README's Flipkart sandbox credentials: fixed, they get a token and search the seller's own shipments. */
    @Test
    void theDocumentedSandboxSellerConnectsWithItsFixedCredentials() throws Exception {
        FlipkartSeller seller = sandbox.flipkart().seedSandboxSeller();
        assertThat(seller.sellerId()).isEqualTo("fksandboxseller02");
        assertThat(seller.appId()).isEqualTo("fksandboxapp02");
        assertThat(seller.appSecret()).isEqualTo("fksandbox-secret-02");
        assertThat(sandbox.flipkart().seedSandboxSeller()).isEqualTo(seller);
        assertThat(sandbox.flipkart().shipmentIds(seller.sellerId())).hasSize(40);

        Reply token = token("fksandboxapp02", "fksandbox-secret-02");
        assertThat(token.status()).isEqualTo(200);
        Reply search = post(token.json().get("access_token").asText(), "/sellers/v3/shipments/filter/",
                Map.of("filter", Map.of("type", "preDispatch", "states", List.of("APPROVED", "PACKED", "READY_TO_DISPATCH"))));
        assertThat(search.status()).isEqualTo(200);
        assertThat(token("fksandboxapp02", "wrong").status()).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.flipkart().addSeller(newSellerId(), "fksandboxapp02", "other"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientCredentialsTokenAndItsRefusals() throws Exception {
        FlipkartSeller seller = sandbox.flipkart().addSeller(newSellerId());
        Reply ok = token(seller.appId(), seller.appSecret());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(ok.json().get("expires_in").asLong()).isEqualTo(5183999);
        assertThat(ok.json().get("scope").asText()).isEqualTo("Seller_Api");

        Reply wrongSecret = token(seller.appId(), "not-the-secret");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(wrongSecret.json().get("error_description").asText()).isEqualTo("Bad credentials");

        Reply unknown = token("nosuchapp", "x");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("error_description").asText()).isEqualTo("No client with requested id: nosuchapp");

        FlipkartSeller rotated = sandbox.flipkart().rotateSecret(seller.sellerId());
        assertThat(token(seller.appId(), seller.appSecret()).status()).isEqualTo(401);
        assertThat(token(rotated.appId(), rotated.appSecret()).status()).isEqualTo(200);
    }

    @Test
    void apiCallsNeedALiveBearerToken() throws Exception {
        FlipkartSeller seller = sandbox.flipkart().addSeller(newSellerId());
        String token = accessToken(seller);
        Map<String, Object> body = filter("preDispatch", Map.of(), 20);
        assertThat(post(token, "/sellers/v3/shipments/filter", body).status()).isEqualTo(200);
        assertThat(post("", "/sellers/v3/shipments/filter", body).status()).isEqualTo(401);
        assertThat(post("made-up", "/sellers/v3/shipments/filter", body).json().get("error").asText()).isEqualTo("invalid_token");

        sandbox.flipkart().expireTokens(seller.sellerId());
        Reply expired = post(token, "/sellers/v3/shipments/filter", body);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error_description").asText()).isEqualTo("Access token expired");

        String second = accessToken(seller);
        CLOCK.advance(Duration.ofDays(61));
        assertThat(post(second, "/sellers/v3/shipments/filter", body).status()).as("60-day tokens run out").isEqualTo(401);
    }

    @Test
    void filterValidatesLikeFlipkart() throws Exception {
        FlipkartSeller seller = sandbox.flipkart().addSeller(newSellerId());
        String token = accessToken(seller);
        Reply noType = post(token, "/sellers/v3/shipments/filter", Map.of("filter", Map.of(), "pagination", Map.of("pageSize", 20)));
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.json().at("/errors/0/path").asText()).isEqualTo("filter.type");
        Reply wrongState = post(token, "/sellers/v3/shipments/filter", filter("preDispatch", Map.of("states", List.of("SHIPPED")), 20));
        assertThat(wrongState.status()).isEqualTo(400);
        assertThat(wrongState.json().at("/errors/0/path").asText()).isEqualTo("filter.states");
        Reply tooBig = post(token, "/sellers/v3/shipments/filter", filter("preDispatch", Map.of(), 21));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().at("/errors/0/severity").asText()).isEqualTo("ERROR");
        assertThat(tooBig.json().at("/errors/0/description").asText()).contains("pageSize");
        Reply noCancellationType = post(token, "/sellers/v3/shipments/filter", filter("cancelled", Map.of(), 20));
        assertThat(noCancellationType.status()).isEqualTo(400);
        assertThat(noCancellationType.json().at("/errors/0/path").asText()).isEqualTo("filter.cancellationType");
    }

    @Test
    void nextPageUrlWalksEveryMatchingShipmentOnceAndIsPresentOnTheLastPage() throws Exception {
        String sellerId = newSellerId();
        FlipkartSeller seller = sandbox.flipkart().addSeller(sellerId);
        Instant now = CLOCK.instant();
        sandbox.flipkart().generateShipments(sellerId, 120, now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(5)), 7L);
        String token = accessToken(seller);

        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>();
        int pages = 0;
        Reply page = post(token, "/sellers/v3/shipments/filter", filter("preDispatch", Map.of(), 20));
        while (true) {
            assertThat(page.status()).isEqualTo(200);
            pages++;
            for (JsonNode s : page.json().get("shipments")) {
                ids.add(s.get("shipmentId").asText());
                assertThat(s.get("hold").asBoolean()).isFalse();
                assertThat(s.at("/orderItems/0/status").asText()).isIn("APPROVED", "PACKING_IN_PROGRESS", "PACKED", "FORM_FAILED", "READY_TO_DISPATCH");
                assertThat(s.at("/orderItems/0/priceComponents/sellingPrice").isNumber()).isTrue();
            }
            String next = page.json().get("nextPageUrl").asText();
            assertThat(next).startsWith("/v3/shipments/filter?next_token=");
            if (!page.json().get("hasMore").asBoolean()) {
                break;
            }
            page = get(token, "/sellers" + next);
        }
        seen.addAll(ids);
        assertThat(ids).hasSize(seen.size());
        long expected = sandbox.flipkart().shipmentIds(sellerId).stream().map(sandbox.flipkart()::shipment)
                .filter(s -> !s.get("hold").asBoolean())
                .filter(s -> Set.of("APPROVED", "PACKING_IN_PROGRESS", "PACKED", "FORM_FAILED", "READY_TO_DISPATCH").contains(s.at("/orderItems/0/status").asText()))
                .count();
        assertThat(ids).hasSize((int) expected);
        assertThat(pages).isGreaterThan(1);

        Reply held = post(token, "/sellers/v3/shipments/filter", filter("preDispatch", Map.of("hold", true), 20));
        assertThat(held.json().get("shipments")).allSatisfy(s -> assertThat(s.get("hold").asBoolean()).isTrue());

        // Another seller cannot use this seller's token.
        FlipkartSeller other = sandbox.flipkart().addSeller(newSellerId());
        Reply first = post(token, "/sellers/v3/shipments/filter", filter("preDispatch", Map.of(), 5));
        assertThat(get(accessToken(other), "/sellers" + first.json().get("nextPageUrl").asText()).status()).isEqualTo(400);
    }

    @Test
    void detailsCarryAddressesAndAcceptAtMostOneHundredIds() throws Exception {
        String sellerId = newSellerId();
        FlipkartSeller seller = sandbox.flipkart().addSeller(sellerId);
        Instant now = CLOCK.instant();
        List<String> ids = sandbox.flipkart().generateShipments(sellerId, 5, now.minus(Duration.ofDays(2)), now, 11L);
        String token = accessToken(seller);
        Reply details = get(token, "/sellers/v3/shipments/" + String.join(",", ids));
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().get("shipments")).hasSize(5);
        JsonNode first = details.json().at("/shipments/0");
        assertThat(first.at("/deliveryAddress/pinCode").asText()).matches("\\d{6}");
        assertThat(first.at("/deliveryAddress/firstName").asText()).isNotBlank();
        assertThat(first.at("/buyerDetails/lastName").asText()).isNotBlank();
        assertThat(first.get("orderId").asText()).startsWith("OD");

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) tooMany.add(ids.get(i % ids.size()));
        assertThat(get(token, "/sellers/v3/shipments/" + String.join(",", tooMany)).status()).isEqualTo(400);
    }

    @Test
    void selfShipDispatchValidatesEachShipmentAndShipsTheGoodOnes() throws Exception {
        String sellerId = newSellerId();
        FlipkartSeller seller = sandbox.flipkart().addSeller(sellerId);
        Instant now = CLOCK.instant();
        List<String> ids = sandbox.flipkart().generateShipments(sellerId, 60, now.minus(Duration.ofDays(2)), now.minus(Duration.ofMinutes(1)), 13L);
        String selfFound = null;
        String notSelfFound = null;
        for (String id : ids) {
            JsonNode s = sandbox.flipkart().shipment(id);
            boolean open = !s.get("hold").asBoolean() && s.at("/orderItems/0/status").asText().equals("APPROVED");
            if (open && s.get("shipmentType").asText().equals("SELF") && selfFound == null) selfFound = id;
            if (open && !s.get("shipmentType").asText().equals("SELF") && notSelfFound == null) notSelfFound = id;
        }
        String self = selfFound;
        String notSelf = notSelfFound;
        assertThat(self).isNotNull();
        assertThat(notSelf).isNotNull();
        String cancelled = ids.stream().filter(i -> !i.equals(self))
                .filter(i -> sandbox.flipkart().shipment(i).get("shipmentType").asText().equals("SELF")).findFirst().orElseThrow();
        sandbox.flipkart().cancel(cancelled, "buyerCancellation", now);
        LocalDate today = LocalDate.ofInstant(now, IST);
        String token = accessToken(seller);

        Reply reply = post(token, "/sellers/v3/shipments/selfShip/dispatch", Map.of("shipments", List.of(
                dispatch(self, today, today.plusDays(3), "DELHIVERY"),
                dispatch(notSelf, today, today.plusDays(3), "DELHIVERY"),
                dispatch(cancelled, today, today.plusDays(3), "DELHIVERY"),
                dispatch("no-such-shipment", today, today.plusDays(3), "DELHIVERY"),
                dispatch(self, today, today.plusDays(3), "DELHIVERY"))));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().get("shipments");
        assertThat(results.get(0).get("processingStatus").asText()).isEqualTo("SUCCESS");
        assertThat(results.get(1).get("errorCode").asText()).isEqualTo("NOT_SELF_SHIP");
        assertThat(results.get(2).get("errorCode").asText()).isEqualTo("SHIPMENT_CANCELLED");
        assertThat(results.get(3).get("errorCode").asText()).isEqualTo("INVALID_SHIPMENT_ID");
        assertThat(results.get(4).get("errorCode").asText()).isEqualTo("SHIPMENT_ALREADY_DISPATCHED");
        JsonNode shipped = sandbox.flipkart().shipment(self);
        assertThat(shipped.at("/orderItems/0/status").asText()).isEqualTo("SHIPPED");
        assertThat(Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(shipped.get("updatedAt").asText())))
                .isEqualTo(now.truncatedTo(ChronoUnit.SECONDS));
        assertThat(sandbox.flipkart().dispatchedTrackingId(self)).isEqualTo("TRK-" + self.substring(0, 8));

        // Dates and the partner code are checked per shipment.
        String another = ids.stream().filter(i -> !i.equals(self)).filter(i -> {
            JsonNode s = sandbox.flipkart().shipment(i);
            return s.get("shipmentType").asText().equals("SELF") && !s.get("hold").asBoolean()
                    && s.at("/orderItems/0/status").asText().matches("APPROVED|PACKED|PACKING_IN_PROGRESS|READY_TO_DISPATCH|FORM_FAILED");
        }).findFirst().orElseThrow();
        assertThat(post(token, "/sellers/v3/shipments/selfShip/dispatch", Map.of("shipments", List.of(
                dispatch(another, today, today.minusDays(1), "DELHIVERY"),
                dispatch(another, today.plusDays(1), today.plusDays(3), "DELHIVERY"),
                dispatch(another, today, today.plusDays(3), "")))).json().get("shipments"))
                .extracting(n -> n.get("errorCode").asText())
                .containsExactly("INVALID_TENTATIVE_DELIVERY_DATE", "INVALID_DISPATCH_DATE", "INVALID_DELIVERY_PARTNER");

        List<Object> hundredAndOne = new ArrayList<>();
        for (int i = 0; i < 101; i++) hundredAndOne.add(dispatch(another, today, today.plusDays(2), "DELHIVERY"));
        assertThat(post(token, "/sellers/v3/shipments/selfShip/dispatch", Map.of("shipments", hundredAndOne)).status()).isEqualTo(400);

        // Tracking update of a shipped self-ship shipment; refused for one not shipped.
        Reply update = post(token, "/sellers/v3/shipments/" + self + "/update", Map.of("shipmentId", self, "trackingId", "NEWTRK123",
                "sellerId", sellerId, "deliveryPartner", "Delhivery", "tentativeDeliveryDate", today.plusDays(4).toString()));
        assertThat(update.status()).isEqualTo(200);
        assertThat(sandbox.flipkart().dispatchedTrackingId(self)).isEqualTo("NEWTRK123");
        assertThat(post(token, "/sellers/v3/shipments/" + another + "/update", Map.of("shipmentId", another, "trackingId", "X1")).status()).isEqualTo(400);
        assertThat(sandbox.flipkart().selfShipRequests(self)).hasSize(2);
    }

    private Map<String, Object> dispatch(String shipmentId, LocalDate dispatchDate, LocalDate tentative, String partnerCode) {
        JsonNode s = sandbox.flipkart().shipment(shipmentId);
        List<Map<String, Object>> items = new ArrayList<>();
        if (s != null) {
            s.get("orderItems").forEach(i -> items.add(Map.of("orderItemId", i.get("orderItemId").asText(), "quantity", i.get("quantity").asInt())));
        } else {
            items.add(Map.of("orderItemId", "1", "quantity", 1));
        }
        return Map.of("shipmentId", shipmentId, "dispatchDate", dispatchDate.toString(), "tentativeDeliveryDate", tentative.toString(),
                "deliveryPartner", "Delhivery", "deliveryPartnerCode", partnerCode, "trackingId", "TRK-" + shipmentId.substring(0, 8),
                "locationId", s == null ? "LOC1" : s.get("locationId").asText(),
                "invoice", Map.of("invoiceNumber", "INV-1", "invoiceDate", dispatchDate.toString(), "items", items));
    }

    @Test
    void rateLimitPerSellerAnswers429() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T06:00:00Z"));
        try (MarketplaceSandbox own = MarketplaceSandbox.start(SandboxSettings.defaults().withClock(clock))) {
            own.flipkart().setRateLimit(0.001, 3);
            FlipkartSeller seller = own.flipkart().addSeller(newSellerId());
            String basic = Base64.getEncoder().encodeToString((seller.appId() + ":" + seller.appSecret()).getBytes(StandardCharsets.UTF_8));
            String token = send(HttpRequest.newBuilder(URI.create(own.baseUrl() + "/oauth-service/oauth/token?grant_type=client_credentials&scope=Seller_Api"))
                    .header("Authorization", "Basic " + basic).GET()).json().get("access_token").asText();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(send(HttpRequest.newBuilder(URI.create(own.baseUrl() + "/sellers/v3/shipments/x")).header("Authorization", "Bearer " + token).GET()).status());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429);
            clock.advance(Duration.ofHours(1));
            assertThat(send(HttpRequest.newBuilder(URI.create(own.baseUrl() + "/sellers/v3/shipments/x")).header("Authorization", "Bearer " + token).GET()).status())
                    .as("refilled by the sandbox clock").isEqualTo(200);
            assertThat(own.calls().matching("GET", "/sellers/v3/shipments/")).hasSize(5);
        }
    }
}
