package com.marketplaceconnect.sandbox;

import com.marketplaceconnect.sandbox.http.FormCodec;
import com.marketplaceconnect.sandbox.http.Router;
import com.marketplaceconnect.sandbox.http.SandboxRequest;
import com.marketplaceconnect.sandbox.http.SandboxResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads each request, applies faults, routes it, records it, writes the answer. */
final class SandboxDispatcher implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SandboxDispatcher.class);

    private final Router router;
    private final Faults faults;
    private final CallRecorder calls;
    private final Clock clock;

    SandboxDispatcher(Router router, Faults faults, CallRecorder calls, Clock clock) {
        this.router = router;
        this.faults = faults;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            Instant at = clock.instant();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            URI uri = exchange.getRequestURI();
            String path = uri.getPath() == null ? "/" : uri.getPath();
            String rawQuery = uri.getRawQuery();
            Map<String, List<String>> query = FormCodec.decode(rawQuery);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            SandboxRequest request = new SandboxRequest(method, path, rawQuery, query, Map.copyOf(headers), body);

            SandboxResponse response;
            try {
                Optional<FaultRule> fault = faults.fire(method, path);
                response = fault.isPresent() ? FaultResponses.apply(fault.get(), path) : null;
                if (response == null) response = router.route(request);
            } catch (RuntimeException e) {
                log.warn("Sandbox handler failed for {} {}: {}", method, path, e.getClass().getName());
                response = FaultResponses.internalError();
            }
            if (!response.closeConnection() && !response.hasHeader("x-amzn-RequestId")) {
                response.header("x-amzn-RequestId", UUID.randomUUID().toString());
            }
            calls.record(new RecordedCall(at, method, path, rawQuery, query, request.headers(), body, response.status()));
            write(exchange, response);
        } catch (IOException e) {
            // the client went away; nothing to answer
        } finally {
            exchange.close();
        }
    }

    private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        if (response.closeConnection()) {
            return; // close() before the headers were sent drops the TCP connection
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
