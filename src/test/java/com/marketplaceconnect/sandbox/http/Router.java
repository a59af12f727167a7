package com.marketplaceconnect.sandbox.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps (method, path regex) to handlers. Path groups are handed to the handler. */
public final class Router {

    @FunctionalInterface
    public interface Handler {
        SandboxResponse handle(SandboxRequest request, Matcher path);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    public Router add(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    public SandboxResponse route(SandboxRequest request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path.matcher(request.path());
            if (!m.matches()) continue;
            pathKnown = true;
            if (route.method.equalsIgnoreCase(request.method())) return route.handler.handle(request, m);
        }
        if (pathKnown) return SandboxResponse.json(405,
                "{\"errors\":[{\"code\":\"MethodNotAllowed\",\"message\":\"Method " + request.method()
                        + " is not allowed on this resource.\",\"details\":\"\"}]}");
        return SandboxResponse.json(404,
                "{\"errors\":[{\"code\":\"NotFound\",\"message\":\"Resource not found.\",\"details\":\"\"}]}");
    }
}
