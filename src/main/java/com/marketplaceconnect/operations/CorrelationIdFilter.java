package com.marketplaceconnect.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * One correlation id per HTTP request: the caller's {@code X-Correlation-Id} when it is a plain id, else a new one.
 * It is in the MDC while the request is handled, echoed in the response header, and handed on to a sync the request
 * starts ("Sync Orders"), so the dashboard's request and the run's log lines share it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Correlation-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = OperationsMdc.sanitize(request.getHeader(HEADER));
        if (id == null) {
            id = OperationsMdc.newCorrelationId();
        }
        String previous = MDC.get(OperationsMdc.CORRELATION_ID);
        MDC.put(OperationsMdc.CORRELATION_ID, id);
        response.setHeader(HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(OperationsMdc.CORRELATION_ID);
            } else {
                MDC.put(OperationsMdc.CORRELATION_ID, previous);
            }
        }
    }
}
