package com.marketplaceconnect;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MarketplaceConnectApplication {
    public static void main(String[] args) {
        SpringApplication.run(MarketplaceConnectApplication.class, args);
    }
}
