package com.marketplaceconnect.local;

import com.marketplaceconnect.security.AppUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The local run's users of the seller's page (http://localhost:8080/app), development passwords only:
 * staff / local-staff (every account), seller1 / local-seller1 (the demo sellers' accounts: seller reference
 * demo-seller) and seller2 / local-seller2 (another seller, with no account yet). On with seller-page.demo-users
 * (config/application-local.yaml).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "seller-page.demo-users", havingValue = "true")
public class LocalAppUsers {
    private static final Logger log = LoggerFactory.getLogger(LocalAppUsers.class);

    @EventListener(ApplicationReadyEvent.class)
    public void createDemoUsers(ApplicationReadyEvent event) {
        AppUsers users = event.getApplicationContext().getBean(AppUsers.class);
        users.save("staff", "local-staff", "STAFF", null);
        users.save("seller1", "local-seller1", "SELLER", "demo-seller");
        users.save("seller2", "local-seller2", "SELLER", "other-seller");
        log.info("Seller's page users: staff / local-staff, seller1 / local-seller1 (demo-seller), seller2 / local-seller2");
    }
}
