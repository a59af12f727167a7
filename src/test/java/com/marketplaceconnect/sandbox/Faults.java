package com.marketplaceconnect.sandbox;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Fault rules, consulted in the order added before a request is handled normally. */
public final class Faults {

    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
    private final Random random;

    Faults(long seed) {
        this.random = new Random(seed);
    }

    public void add(FaultRule rule) {
        rules.add(new ActiveRule(rule));
    }

    public void clear() {
        rules.clear();
    }

    /** The rule that fires for this request, if any; counts it down. */
    Optional<FaultRule> fire(String method, String path) {
        for (Iterator<ActiveRule> it = rules.iterator(); it.hasNext(); ) {
            ActiveRule active = it.next();
            if (!active.rule.matches(method, path)) continue;
            if (active.skipped.getAndIncrement() < active.rule.skipFirst()) continue;
            if (active.rule.probability() < 1.0) {
                double draw;
                synchronized (random) {
                    draw = random.nextDouble();
                }
                if (draw >= active.rule.probability()) continue;
            }
            if (active.take()) return Optional.of(active.rule);
            rules.remove(active);
        }
        return Optional.empty();
    }

    private static final class ActiveRule {
        final FaultRule rule;
        final AtomicInteger remaining;
        final AtomicInteger skipped = new AtomicInteger();

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.remaining = new AtomicInteger(rule.times());
        }

        boolean take() {
            if (rule.times() == -1) return true;
            while (true) {
                int left = remaining.get();
                if (left <= 0) return false;
                if (remaining.compareAndSet(left, left - 1)) return true;
            }
        }
    }
}
