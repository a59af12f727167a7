package com.marketplaceconnect.orders;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/** Reading marketplace JSON leniently, shared by the mappers: what is missing, null or unreadable is no value. */
public final class JsonValues {
    private JsonValues() {
    }

    /**
     * The field's text, or null. JSON null is a value node whose asText() is "null": without the check an order with
     * "orderId": null was stored under the id "null" (and a null SKU as the SKU "null").
     */
    public static String text(JsonNode node, String field) {
        return text(node.path(field));
    }

    /** A value's text, or null: as {@link #text(JsonNode, String)}, for the value itself. */
    public static String text(JsonNode v) {
        return v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? v.asText() : null;
    }

    /** A money amount given as a string or a number, or null. */
    public static BigDecimal decimal(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(node.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
