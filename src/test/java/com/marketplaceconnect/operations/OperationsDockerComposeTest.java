package com.marketplaceconnect.operations;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and the Dockerfile stay consistent with the service: valid YAML, health checks with tools the
 * images have, every variable passed to the service read by the configuration, the jar the pom builds.
 */
class OperationsDockerComposeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).as("services").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    private static String healthcheck(Map<String, Object> service) {
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) service.get("healthcheck");
        assertThat(check).as("healthcheck").isNotNull();
        return String.valueOf(check.get("test"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theThreeServicesHaveHealthChecksAndTheServiceWaitsForTheOthers() throws IOException {
        assertThat(healthcheck(service("postgres"))).contains("pg_isready");
        assertThat(healthcheck(service("kafka"))).contains("/opt/kafka/bin/kafka-broker-api-versions.sh");
        String app = healthcheck(service("marketplace-connect"));
        // eclipse-temurin:17-jre has neither curl nor wget.
        assertThat(app).doesNotContain("curl").doesNotContain("wget").contains("/actuator/health/readiness");
        Map<String, Object> dependsOn = (Map<String, Object>) service("marketplace-connect").get("depends_on");
        for (String other : List.of("postgres", "kafka")) {
            assertThat((Map<String, Object>) dependsOn.get(other)).containsEntry("condition", "service_healthy");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void volumesAreDeclaredAndKafkaKeepsItsDataInItsVolume() throws IOException {
        Map<String, Object> declared = (Map<String, Object>) compose().get("volumes");
        for (String name : List.of("postgres", "kafka", "marketplace-connect")) {
            for (Object mount : (List<Object>) service(name).get("volumes")) {
                assertThat(declared).as(name + " " + mount).containsKey(mount.toString().split(":")[0]);
            }
        }
        Map<String, Object> kafka = service("kafka");
        String logDirs = String.valueOf(((Map<String, Object>) kafka.get("environment")).get("KAFKA_LOG_DIRS"));
        assertThat((List<Object>) kafka.get("volumes")).anySatisfy(v -> assertThat(v.toString()).endsWith(":" + logDirs));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariablePassedToTheServiceIsReadByTheConfiguration() throws IOException {
        String config = Files.readString(ROOT.resolve("config/application.yaml"));
        Map<String, Object> environment = (Map<String, Object>) service("marketplace-connect").get("environment");
        assertThat(environment).isNotEmpty();
        for (String variable : environment.keySet()) {
            assertThat(config).as(variable + " in config/application.yaml").contains("${" + variable + ":");
        }
    }

    @Test
    void theDockerfileCopiesTheJarThePomBuilds() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY --from=build /src/target/" + finalName.group(1) + ".jar ")
                .contains("COPY routes /app/routes").contains("COPY config /app/config")
                .contains("WORKDIR /app");
        assertThat(dockerfile.lines().filter(l -> l.startsWith("HEALTHCHECK") || l.startsWith("  CMD")))
                .noneMatch(l -> l.contains("curl") || l.contains("wget"));
    }
}
