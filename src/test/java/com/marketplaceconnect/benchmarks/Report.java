package com.marketplaceconnect.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The figures of one benchmark run: each with what it is compared against and whether the target is met. */
final class Report {
    record Row(String figure, String value, String reference, String verdict) {
    }

    private final String id;
    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String id, String title) {
        this.id = id;
        this.title = title;
    }

    Report add(String figure, String value, String reference, String verdict) {
        rows.add(new Row(figure, value, reference == null ? "" : reference, verdict == null ? "" : verdict));
        return this;
    }

    Report add(String figure, String value) {
        return add(figure, value, "", "");
    }

    Report note(String note) {
        notes.add(note);
        return this;
    }

    static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    String text() {
        int w1 = 10, w2 = 5, w3 = 9;
        for (Row r : rows) {
            w1 = Math.max(w1, r.figure().length());
            w2 = Math.max(w2, r.value().length());
            w3 = Math.max(w3, r.reference().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(id).append(" ").append(title).append('\n');
        String format = "  %-" + w1 + "s  %" + w2 + "s  %-" + w3 + "s  %s%n";
        for (Row r : rows) {
            sb.append(String.format(format, r.figure(), r.value(), r.reference(), r.verdict()));
        }
        for (String n : notes) {
            sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(id).append(" ").append(title).append("\n\n");
        sb.append("| Figure | Value | Compared with | Target |\n|---|---:|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.figure()).append(" | ").append(r.value()).append(" | ").append(r.reference())
                    .append(" | ").append(r.verdict()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.append('\n').toString();
    }
}
