package com.marketplaceconnect.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Every request the sandbox received, in the order it was answered. Keeps the newest
 * {@value #CAPACITY} calls so a long benchmark cannot exhaust the heap.
 */
public final class CallRecorder {

    static final int CAPACITY = 200_000;

    private final ArrayDeque<RecordedCall> calls = new ArrayDeque<>();

    synchronized void record(RecordedCall call) {
        if (calls.size() == CAPACITY) calls.removeFirst();
        calls.addLast(call);
    }

    public synchronized List<RecordedCall> all() {
        return List.copyOf(calls);
    }

    /** Calls with this method (any when null) whose path starts with {@code pathPrefix}. */
    public synchronized List<RecordedCall> matching(String method, String pathPrefix) {
        List<RecordedCall> result = new ArrayList<>();
        for (RecordedCall call : calls) {
            if ((method == null || method.equalsIgnoreCase(call.method())) && call.path().startsWith(pathPrefix)) {
                result.add(call);
            }
        }
        return List.copyOf(result);
    }

    public synchronized int size() {
        return calls.size();
    }

    public synchronized void clear() {
        calls.clear();
    }
}
