package com.marketplaceconnect.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published API description (/v3/api-docs, /swagger-ui.html). Every /api/** operation needs the API key
 * (scheme "apiKey": {@code Authorization: Bearer <key>}, keys from api.keys); the /connect/** browser endpoints are
 * public and guarded by the OAuth state.
 */
@Configuration
public class OpenApiConfiguration {
    public static final String API_KEY_SCHEME = "apiKey";

    @Bean
    OpenAPI marketplaceConnectApi() {
        return new OpenAPI()
                .info(new Info().title("Marketplace Connect")
                        .description("Connects sellers' marketplace accounts and syncs their orders, and pushes shipment tracking back. "
                                + "Every /api/** call needs an API key, sent as `Authorization: Bearer YOUR_API_KEY` "
                                + "(a key from the service's api.keys setting).")
                        .version("v1"))
                .components(new Components().addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key from the service's api.keys setting, sent as a bearer token")));
    }

    /** The API key on every /api/** operation, whichever controller declares it. */
    @Bean
    OpenApiCustomizer apiKeyOnAdminApi() {
        return api -> api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(op -> op.setSecurity(java.util.List.of(new SecurityRequirement().addList(API_KEY_SCHEME))));
            }
        });
    }
}
