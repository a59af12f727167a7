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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
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
 * The seller's page (/app/**) has its own session login for staff and sellers (AppUsers).
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

    /**
     * The seller's page (/app/**): its own form login (/app/login) against the page's users (AppUsers, bcrypt), a
     * session, CSRF tokens in every form (session-stored; the page's scripts send the form's token as a header), no
     * inline script (Content-Security-Policy). Staff and sellers only; an operator's session does not open it.
     */
    @Bean
    @Order(2)
    SecurityFilterChain sellerPage(HttpSecurity http, AppUsers users, PasswordEncoder encoder) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users::loadUserByUsername);
        provider.setPasswordEncoder(encoder);
        return http.securityMatcher("/app", "/app/**")
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/app/login", "/app/assets/**").permitAll()
                        .anyRequest().hasAnyRole(AppUser.Role.STAFF.name(), AppUser.Role.SELLER.name()))
                .formLogin(f -> f.loginPage("/app/login").loginProcessingUrl("/app/login")
                        .defaultSuccessUrl("/app/marketplaces", false).failureUrl("/app/login?error").permitAll())
                .logout(l -> l.logoutUrl("/app/logout").logoutSuccessUrl("/app/login?signedOut").permitAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                                        + "base-uri 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** Encodes the page users' passwords: bcrypt, in Spring Security's {id} form so the scheme can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(3)
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
