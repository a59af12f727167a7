package com.marketplaceconnect.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

import java.util.Arrays;

/**
 * Who may call what. /api/** takes a bearer API key (api.keys); the OAuth callbacks are public and guarded by their
 * state; marketplace webhooks (/webhooks/**) are public and guarded by their signature, which each connector checks
 * on the raw body before it parses anything; /actuator/health is public (details only for operators); every other operations endpoint — Hawtio
 * (/actuator/hawtio), Jolokia (/actuator/jolokia), /actuator/prometheus — needs the OPERATOR role
 * (operations.user/password), by form login (browsers) or HTTP Basic (scripts, scrapers).
 * CSRF tokens travel in the XSRF-TOKEN cookie, which the Hawtio console sends back as a header on its Jolokia POSTs.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, @Value("${api.keys:}") String keys) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(Arrays.asList(keys.split(","))), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole("API"))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getWriter().write("{\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"detail\":\"This API needs an API key: Authorization: Bearer <key>\"}");
                }))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain rest(HttpSecurity http) throws Exception {
        return http
                .csrf(c -> c.ignoringRequestMatchers("/connect/**", "/webhooks/**")
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler()))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/connect/**", "/webhooks/**", "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService operators(@Value("${operations.user:operator}") String user,
                                 @Value("${operations.password:}") String password) {
        if (password.isBlank()) {
            // No operator password configured: nobody can log in to the operations endpoints.
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(user)
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password))
                .roles("OPERATOR").build());
    }
}
