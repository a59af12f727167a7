package com.marketplaceconnect.amazon;

import org.springframework.stereotype.Component;

/** The Selling Partner API endpoint of each region (amazon.endpoints.na/eu/fe), for the routes' calls. */
@Component("amazonEndpoints")
public class AmazonEndpoints {
    /** The exchange property a route's call goes to (toD). */
    public static final String ENDPOINT = "spApiEndpoint";

    private final AmazonProperties.Endpoints endpoints;

    public AmazonEndpoints(AmazonProperties properties) {
        this.endpoints = properties.endpoints();
    }

    /** NA, EU or FE (any case); another region is an IllegalArgumentException. */
    public String forRegion(String region) {
        return endpoints.forRegion(region);
    }
}
