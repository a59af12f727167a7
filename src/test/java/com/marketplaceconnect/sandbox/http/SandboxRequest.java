package com.marketplaceconnect.sandbox.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request as the handlers see it: fully read, query decoded, header names lower-cased. */
public record SandboxRequest(String method, String path, String rawQuery, Map<String, List<String>> query,
                             Map<String, String> headers, String body) {

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a parameter, repeated parameters and comma-separated lists flattened, blanks dropped. */
    public List<String> queryList(String name) {
        List<String> values = query.get(name);
        if (values == null) return null;
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body decoded as a form. */
    public Map<String, List<String>> form() {
        return FormCodec.decode(body);
    }
}
