package com.marketplaceconnect.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, {@code mvn spring-boot:test-run}, starts the local run: the pom names this package's
 * main class (a rename in an IDE would not follow into the pom).
 */
class LocalRunTest {

    @Test
    void thePomsCommandLineRunIsTheLocalRunAndTheReadmeSaysSo() throws IOException, NoSuchMethodException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher cli = Pattern.compile("<id>default-cli</id>\\s*<configuration>\\s*<mainClass>([^<]+)</mainClass>").matcher(pom);
        assertThat(cli.find()).as("spring-boot-maven-plugin's default-cli execution names a main class").isTrue();
        assertThat(cli.group(1)).isEqualTo(LocalMarketplaceConnect.class.getName());
        assertThat(Modifier.isStatic(LocalMarketplaceConnect.class.getMethod("main", String[].class).getModifiers())).isTrue();
        assertThat(Files.readString(Path.of("README.md"))).contains("mvn spring-boot:test-run");
    }
}
