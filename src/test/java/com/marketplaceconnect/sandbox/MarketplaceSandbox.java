package com.marketplaceconnect.sandbox;

import com.marketplaceconnect.sandbox.amazon.AmazonSandbox;
import com.marketplaceconnect.sandbox.flipkart.FlipkartSandbox;
import com.marketplaceconnect.sandbox.http.Router;
import com.marketplaceconnect.sandbox.shopify.ShopifySandbox;
import com.marketplaceconnect.sandbox.shopify.ShopifySettings;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process marketplace simulator on 127.0.0.1: Amazon's LWA token endpoint, consent page and Selling
 * Partner API; Flipkart's OAuth service and Seller API v3; Shopify's OAuth and GraphQL Admin API per shop under
 * {@code /shopify/{shop}} with webhook delivery; with recorded calls and injectable faults.
 */
public final class MarketplaceSandbox implements AutoCloseable {

    private static final int THREADS = 16;

    static {
        // The JDK server writes headers and body separately; with Nagle on, each small response waits ~40 ms for
        // the client's delayed ACK. Read once when the server classes load, so set it before the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AmazonSandbox amazon;
    private final FlipkartSandbox flipkart;
    private final ShopifySandbox shopify;
    private final CallRecorder calls;
    private final Faults faults;

    private MarketplaceSandbox(HttpServer server, ExecutorService executor, AmazonSandbox amazon, FlipkartSandbox flipkart,
                               ShopifySandbox shopify, CallRecorder calls, Faults faults) {
        this.server = server;
        this.executor = executor;
        this.amazon = amazon;
        this.flipkart = flipkart;
        this.shopify = shopify;
        this.calls = calls;
        this.faults = faults;
    }

    public static MarketplaceSandbox start(SandboxSettings settings) {
        return start(settings, ShopifySettings.defaults());
    }

    /** With the Shopify app's settings (credentials, throttle, webhook retries) given. */
    public static MarketplaceSandbox start(SandboxSettings settings, ShopifySettings shopifySettings) {
        Router router = new Router();
        AmazonSandbox amazon = new AmazonSandbox(settings, router);
        FlipkartSandbox flipkart = new FlipkartSandbox(settings, router);
        ShopifySandbox shopify = new ShopifySandbox(settings, shopifySettings, router);
        CallRecorder calls = new CallRecorder();
        Faults faults = new Faults(42L);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port()), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the sandbox to 127.0.0.1:" + settings.port(), e);
        }
        ExecutorService executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new SandboxDispatcher(router, faults, calls, settings.clock()));
        server.start();
        shopify.baseUrl("http://127.0.0.1:" + server.getAddress().getPort());
        return new MarketplaceSandbox(server, executor, amazon, flipkart, shopify, calls, faults);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public AmazonSandbox amazon() {
        return amazon;
    }

    public FlipkartSandbox flipkart() {
        return flipkart;
    }

    public ShopifySandbox shopify() {
        return shopify;
    }

    public CallRecorder calls() {
        return calls;
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        shopify.close();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
