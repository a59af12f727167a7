package com.marketplaceconnect.web;

import com.marketplaceconnect.connectors.ConnectOption;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.MarketplaceConnector;
import org.springframework.stereotype.Component;

/**
 * A marketplace code by the name its connector gives it in a connect form's "marketplace" choice (IN → "amazon.in
 * (IN, region EU)"); the bare code where the connector has no such choice.
 */
@Component
class MarketplaceLabels {
    private final Connectors connectors;

    MarketplaceLabels(Connectors connectors) {
        this.connectors = connectors;
    }

    String label(String marketplace, String code) {
        if (!connectors.has(marketplace)) {
            return code;
        }
        MarketplaceConnector connector = connectors.of(marketplace);
        for (ConnectOption option : connector.connectOptions()) {
            for (ConnectOption.Field field : option.fields()) {
                if (field.name().equals("marketplace")) {
                    for (ConnectOption.Choice choice : field.choices()) {
                        if (choice.value().equals(code)) {
                            return choice.label();
                        }
                    }
                }
            }
        }
        return code;
    }

    String displayName(String marketplace) {
        return connectors.has(marketplace) ? connectors.of(marketplace).displayName() : marketplace;
    }
}
