package com.marketplaceconnect.flipkart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shipments already stored for the orders of a search page: a Flipkart order spans shipments, which arrive on
 * different pages and in different runs, so the mapper merges a page with them. Read from {@code orders.raw}
 * ({@code {orderId, shipments[]}}, as FlipkartOrderMapper stores it).
 */
@Component("flipkartStoredShipments")
public class FlipkartStoredShipments {
    private static final Logger log = LoggerFactory.getLogger(FlipkartStoredShipments.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public FlipkartStoredShipments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored raw order ({@code {orderId, shipments[]}}) of each order the page's shipments belong to, by order id. */
    public Map<String, JsonNode> ofOrders(long accountId, List<JsonNode> shipments) {
        Set<String> orderIds = new TreeSet<>();
        for (JsonNode shipment : shipments) {
            String orderId = FlipkartOrderMapper.orderIdOf(shipment);
            if (orderId != null) {
                orderIds.add(orderId);
            }
        }
        Map<String, JsonNode> stored = new HashMap<>();
        if (orderIds.isEmpty()) {
            return stored;
        }
        jdbc.query("select marketplace_order_id, raw::text from orders where account_id = ? and marketplace_order_id = any(?)",
                rs -> {
                    try {
                        stored.put(rs.getString(1), JSON.readTree(rs.getString(2)));
                    } catch (Exception e) {
                        log.warn("Ignoring unreadable stored raw of Flipkart order {}", rs.getString(1));
                    }
                }, accountId, orderIds.toArray(String[]::new));
        return stored;
    }
}
