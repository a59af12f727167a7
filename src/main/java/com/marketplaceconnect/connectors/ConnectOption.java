package com.marketplaceconnect.connectors;

import java.util.List;

/**
 * One way a seller connects an account of a marketplace from the seller's page, as its connector describes it, so the
 * page draws a card per connector without knowing any by name.
 *
 * <ul>
 *   <li>{@link Kind#REDIRECT}: the browser goes to {@code path} (a public {@code GET /connect/<name>/start}) with the
 *       fields as query parameters plus {@code sellerReference} and {@code returnUrl}; the marketplace's consent page
 *       follows, and its callback redirects to {@code returnUrl} with {@code accountId} and {@code status} (or
 *       {@code error}) added. Amazon (marketplace), Shopify (shop domain), WooCommerce one-click (store URL).</li>
 *   <li>{@link Kind#FORM}: the page posts the fields to its own server, which calls
 *       {@link MarketplaceConnector#connectWithForm}; the connector tests the credentials before it saves anything.
 *       Flipkart (seller id, application id and secret), WooCommerce by keys.</li>
 * </ul>
 *
 * @param id       stable id of this option within its marketplace ("oauth", "keys")
 * @param label    the button's words: "Connect with Amazon"
 * @param kind     redirect or form
 * @param path     for REDIRECT the start path; for FORM unused (null)
 * @param fields   what the seller types or picks
 */
public record ConnectOption(String id, String label, Kind kind, String path, List<Field> fields) {

    public enum Kind { REDIRECT, FORM }

    /**
     * A field of the connect form.
     *
     * @param name    the query parameter or form key
     * @param label   the visible label
     * @param secret  a password-type input, never echoed back to the page
     * @param help    one line of help under the field (where to find the value), or null
     * @param choices the allowed values for a select (value → label), empty for free text
     */
    public record Field(String name, String label, boolean secret, String help, List<Choice> choices) {
        public static Field text(String name, String label, String help) {
            return new Field(name, label, false, help, List.of());
        }

        public static Field secret(String name, String label, String help) {
            return new Field(name, label, true, help, List.of());
        }

        public static Field choice(String name, String label, String help, List<Choice> choices) {
            return new Field(name, label, false, help, List.copyOf(choices));
        }
    }

    public record Choice(String value, String label) {
    }

    public static ConnectOption redirect(String id, String label, String path, List<Field> fields) {
        return new ConnectOption(id, label, Kind.REDIRECT, path, List.copyOf(fields));
    }

    public static ConnectOption form(String id, String label, List<Field> fields) {
        return new ConnectOption(id, label, Kind.FORM, null, List.copyOf(fields));
    }
}
