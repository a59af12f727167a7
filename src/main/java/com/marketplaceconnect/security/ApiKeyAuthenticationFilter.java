package com.marketplaceconnect.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** {@code Authorization: Bearer <api key>} on /api/**; keys from {@code api.keys}, compared in constant time. */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    private final List<byte[]> keys;

    public ApiKeyAuthenticationFilter(List<String> keys) {
        this.keys = keys.stream().map(String::trim).filter(k -> !k.isEmpty()).map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            boolean match = false;
            for (byte[] key : keys) {
                match |= MessageDigest.isEqual(key, presented);
            }
            if (match) {
                SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                        "api-client", null, AuthorityUtils.createAuthorityList("ROLE_API")));
            }
        }
        chain.doFilter(request, response);
    }
}
