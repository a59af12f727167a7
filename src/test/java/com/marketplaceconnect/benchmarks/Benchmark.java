package com.marketplaceconnect.benchmarks;

/**
 * One benchmark of issue 6 (B1 ingest, B2 API efficiency, B3 account scale, B4 tracking push). It starts
 * what it needs, measures, and returns its figures beside the limit it is compared with. It asserts nothing:
 * speed targets are read from the printed figures, never enforced by the test suite.
 */
interface Benchmark {
    String id();

    String title();

    Report run(BenchOptions options) throws Exception;
}
