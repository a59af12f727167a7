package com.marketplaceconnect.sandbox;

import com.marketplaceconnect.sandbox.amazon.AmazonSeller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox on its own, e.g. for crash tests that kill the service but not the marketplace.
 * Options: {@code --port=8089}, {@code --demo} (seed the demo seller and the demo Shopify shop), {@code --demo-refresh-token-file=PATH}
 * (write the demo seller's refresh token there, owner-only, instead of printing it), {@code --time-factor=N},
 * {@code --no-rate-limits}.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().withPort(8089);
        boolean demo = false;
        Path tokenFile = null;
        for (String arg : args) {
            if (arg.startsWith("--port=")) settings = settings.withPort(Integer.parseInt(arg.substring(7)));
            else if (arg.equals("--demo")) demo = true;
            else if (arg.startsWith("--demo-refresh-token-file=")) tokenFile = Path.of(arg.substring(26));
            else if (arg.startsWith("--time-factor=")) settings = settings.withTimeFactor(Double.parseDouble(arg.substring(14)));
            else if (arg.equals("--no-rate-limits")) settings = settings.withRateLimitsEnabled(false);
            else {
                System.err.println("unknown option " + arg);
                System.exit(2);
            }
        }
        MarketplaceSandbox sandbox = MarketplaceSandbox.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        System.out.println("Marketplace sandbox listening on " + sandbox.baseUrl());
        if (demo) {
            AmazonSeller seller = sandbox.amazon().seedDemo();
            System.out.println("Demo seller " + seller.sellingPartnerId() + " (" + seller.region() + ") with "
                    + sandbox.amazon().orderCount() + " orders");
            if (tokenFile != null) {
                writeOwnerOnly(tokenFile, seller.refreshToken());
                System.out.println("Demo refresh token written to " + tokenFile);
            }
            var shop = sandbox.shopify().seedDemo();
            System.out.println("Demo Shopify shop " + shop.domain() + " with " + shop.orderCount() + " orders at "
                    + sandbox.shopify().shopBaseUrl(shop.domain()));
        }
        new CountDownLatch(1).await();
    }

    private static void writeOwnerOnly(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, secret, StandardCharsets.UTF_8);
    }
}
