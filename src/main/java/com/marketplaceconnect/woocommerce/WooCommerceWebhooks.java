package com.marketplaceconnect.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplaceconnect.accounts.AccountRepository;
import com.marketplaceconnect.connectors.Signatures;
import com.marketplaceconnect.sync.SyncProperties;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The store's webhooks, both ends. The door ({@link #verify}): the signature is checked on the raw bytes before
 * anything is parsed; the creation ping (an unsigned form body {@code webhook_id=N}) is answered 200 and nothing else
 * happens. Keeping them alive ({@link #plan}): the three order topics, each one active webhook delivering to this
 * account's URL with its secret; a missing, paused or disabled one (WooCommerce disables a webhook after repeated
 * failed deliveries, and never retries) is deleted and created again, and the account says so.
 */
@Component("woocommerceWebhooks")
public class WooCommerceWebhooks {
    public static final List<String> TOPICS = List.of("order.created", "order.updated", "order.deleted");
    public static final String PING = "wooPing";
    public static final String DELIVERY_KEY = "wooDeliveryKey";
    private static final Pattern PING_BODY = Pattern.compile("webhook_id=\\d+");
    private static final Logger log = LoggerFactory.getLogger(WooCommerceWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccountRepository accounts;
    private final WooCommerceStores stores;
    private final WooCommerceProperties properties;
    private final Environment environment;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public WooCommerceWebhooks(AccountRepository accounts, WooCommerceStores stores, WooCommerceProperties properties,
                               Environment environment, JdbcTemplate jdbc, Clock clock) {
        this.accounts = accounts;
        this.stores = stores;
        this.properties = properties;
        this.environment = environment;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Thrown by the door: 401, nothing stored. */
    public static class SignatureRefusedException extends RuntimeException {
        public SignatureRefusedException(String message) {
            super(message);
        }
    }

    // --- the door -----------------------------------------------------------------------------------------------

    /**
     * Route step, first: the body is the raw bytes as received. A ping passes (property wooPing); anything else must
     * carry X-WC-Webhook-Signature = base64(HMAC-SHA256(body, the account's webhook secret)), else it is refused.
     */
    public void verify(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String signature = exchange.getMessage().getHeader("X-WC-Webhook-Signature", String.class);
        if (signature == null && body != null && body.length < 64 && PING_BODY.matcher(new String(body, StandardCharsets.US_ASCII)).matches()) {
            exchange.setProperty(PING, true);
            log.info("WooCommerce webhook ping for account {} answered", accountId);
            return;
        }
        String secret = secretOf(accountId);
        if (secret == null || !Signatures.base64HmacSha256Matches(secret, body == null ? new byte[0] : body, signature)) {
            throw new SignatureRefusedException("X-WC-Webhook-Signature does not match the body (unknown account, a disconnected "
                    + "store, or a wrong secret)");
        }
        exchange.setProperty(PING, false);
        exchange.setProperty(SyncProperties.MARKETPLACE, WooCommerceConnector.MARKETPLACE);
        String deliveryId = exchange.getMessage().getHeader("X-WC-Webhook-Delivery-ID", String.class);
        exchange.setProperty(DELIVERY_KEY, accountId + ":" + (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 80
                ? "sha256-" + HexFormat.of().formatHex(Signatures.hmacSha256("delivery".getBytes(StandardCharsets.UTF_8), body)).substring(0, 64)
                : deliveryId.trim()));
    }

    private String secretOf(long accountId) {
        try {
            Map<String, String> credentials = accounts.credentials(accountId);
            return WooCommerceConnector.MARKETPLACE.equals(accounts.find(accountId).map(a -> a.marketplace()).orElse(null))
                    ? credentials.get("webhookSecret") : null;
        } catch (RuntimeException e) {
            return null; // unknown or disconnected account: no secret, nothing matches
        }
    }

    /**
     * Route step for order.deleted ({@code {"id":n}} only): the stored order as it was, now in the trash (status
     * trash, modified at delivery time), so it lands CANCELLED; null when the order was never synced.
     */
    public JsonNode deletedOrder(Exchange exchange) throws Exception {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        JsonNode deleted = JSON.readTree(exchange.getMessage().getBody(byte[].class));
        List<String> raw = jdbc.queryForList("select raw::text from orders where account_id = ? and marketplace_order_id = ?",
                String.class, accountId, deleted.path("id").asText());
        if (raw.isEmpty()) {
            return null;
        }
        ObjectNode order = (ObjectNode) JSON.readTree(raw.get(0));
        Instant now = clock.instant();
        Instant stored = WooCommerceOrderMapper.instant(order.path("date_modified_gmt"));
        Instant modified = stored != null && !now.isAfter(stored) ? stored.plusSeconds(1) : now;
        order.put("status", "trash");
        order.put("date_modified_gmt", LocalDateTime.ofInstant(modified, ZoneOffset.UTC).withNano(0).toString());
        return order;
    }

    // --- keeping them alive ------------------------------------------------------------------------------------

    /** Where the store delivers this account's webhooks. */
    public String deliveryUrl(long accountId) {
        String base = properties.webhookBaseUrl();
        if (base == null || base.isBlank()) {
            base = "http://127.0.0.1:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        }
        return base.replaceAll("/+$", "") + "/webhooks/woocommerce/" + accountId;
    }

    /** What to do with the store's webhooks (body: GET /webhooks' answer). */
    public record Plan(List<Long> delete, List<String> create, String note) {
    }

    /**
     * Route step: ours are those delivering to this account's URL. replaceAll (at connect: a new secret): every one of
     * ours is deleted and the three created. Otherwise each topic needs one active webhook of ours: the others of ours
     * (paused, disabled, duplicates) are deleted and a missing topic is created.
     */
    public Plan plan(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        boolean replaceAll = exchange.getProperty("wooReplaceWebhooks", false, Boolean.class);
        JsonNode list = exchange.getMessage().getBody(JsonNode.class);
        String url = deliveryUrl(accountId);
        List<Long> delete = new ArrayList<>();
        Map<String, Long> active = new LinkedHashMap<>();
        List<String> repaired = new ArrayList<>();
        if (list != null) {
            for (JsonNode w : list) {
                if (!url.equals(w.path("delivery_url").asText())) continue;
                String topic = w.path("topic").asText();
                String status = w.path("status").asText();
                if (!replaceAll && TOPICS.contains(topic) && "active".equals(status) && !active.containsKey(topic)) {
                    active.put(topic, w.path("id").asLong());
                } else {
                    delete.add(w.path("id").asLong());
                    if (!replaceAll && !"active".equals(status)) repaired.add(topic + " (webhook " + w.path("id").asLong() + " was " + status + ")");
                }
            }
        }
        List<String> create = new ArrayList<>();
        for (String topic : TOPICS) {
            if (!active.containsKey(topic)) {
                create.add(topic);
                if (!replaceAll && repaired.stream().noneMatch(r -> r.startsWith(topic + " "))) repaired.add(topic + " (missing)");
            }
        }
        String note = replaceAll || repaired.isEmpty() ? null
                : "WooCommerce webhooks recreated at " + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ": "
                + String.join(", ", repaired) + ". Orders changed meanwhile are filled in by the reconciliation.";
        return new Plan(delete, create, note);
    }

    /** Route step after the repairs: the check's time, and what was repaired on the account (its last error). */
    public void checked(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        Plan plan = exchange.getProperty("wooWebhookPlan", Plan.class);
        stores.recordWebhookCheck(accountId, plan == null ? null : plan.note());
        if (plan != null && plan.note() != null) {
            tell(accountId, plan.note());
            log.warn("Account {}: {}", accountId, plan.note());
        }
    }

    /** Route step when the check failed: noted on the account; the reconciliation goes on. */
    public void checkFailed(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String note = "The store's webhooks could not be checked (" + com.marketplaceconnect.sync.SyncErrors.describe(cause)
                + "): orders still arrive by this reconciliation";
        stores.recordWebhookCheck(accountId, note);
        tell(accountId, note);
        log.warn("Account {}: {}", accountId, note);
    }

    /**
     * What happened to the store's webhooks, on the account as the API shows it: its status reason (a successful sync
     * clears last_error, so that would not last) and last error. Only while CONNECTED: a NEEDS_REAUTH says more.
     */
    private void tell(long accountId, String note) {
        if (accounts.find(accountId).map(a -> a.status() == com.marketplaceconnect.accounts.AccountStatus.CONNECTED).orElse(false)) {
            accounts.markStatus(accountId, com.marketplaceconnect.accounts.AccountStatus.CONNECTED, note);
        }
    }

    /** The body of POST /webhooks for a topic: this account's delivery URL and secret, API v3. */
    public String createBody(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        String topic = exchange.getProperty("wooWebhookTopic", String.class);
        ObjectNode body = JSON.createObjectNode();
        body.put("name", properties.appName() + " " + topic + " (account " + accountId + ")");
        body.put("topic", topic);
        body.put("delivery_url", deliveryUrl(accountId));
        body.put("secret", accounts.credentials(accountId).get("webhookSecret"));
        body.put("status", "active");
        body.put("api_version", "wp_api_v3");
        return body.toString();
    }

    /** Route step after POST /webhooks (body: the created webhook). */
    public void created(Exchange exchange) {
        long accountId = exchange.getProperty(SyncProperties.ACCOUNT_ID, Long.class);
        JsonNode created = exchange.getMessage().getBody(JsonNode.class);
        stores.recordWebhook(accountId, exchange.getProperty("wooWebhookTopic", String.class), created.path("id").asLong());
    }
}
