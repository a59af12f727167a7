package com.marketplaceconnect.web;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's Chromium, headless, driven by its chromedriver (packages chromium and chromium-driver; .ci/run installs
 * them). Missing is a failure that says what to install, never a skipped test. Other locations: -Dchromium.binary,
 * -Dchromium.driver (or CHROMIUM_BINARY, CHROMEDRIVER).
 */
final class Chromium {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    static ChromeDriver start() {
        String binary = setting("chromium.binary", "CHROMIUM_BINARY", "/usr/bin/chromium");
        String driver = setting("chromium.driver", "CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
            throw new AssertionError("The seller's page browser tests need Chromium and its driver: " + binary + " and " + driver
                    + " are not both there. Install them (Debian/Ubuntu: apt-get install -y chromium chromium-driver; "
                    + ".ci/run does it) or point -Dchromium.binary and -Dchromium.driver at them.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--disable-extensions", "--no-first-run", "--password-store=basic");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    /** Saves the browser's screen as target/screenshots/{name}.png. */
    static Path screenshot(ChromeDriver chrome, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) chrome).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("Screenshot " + name + " not saved", e);
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
