package com.marketplaceconnect.sandbox.shopify;

import java.util.List;

/** A mutation's userErrors entry: the input path at fault and Shopify's message. */
public record UserError(List<String> field, String message) {
}
