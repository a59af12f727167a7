package com.marketplaceconnect.architecture;

import com.marketplaceconnect.connectors.MarketplaceConnector;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector rule (docs/adding-a-marketplace.md), on the product's classes: a connector is the package of a
 * {@link MarketplaceConnector} implementation; the core imports no connector, and no connector imports another. The
 * core reaches a connector through the contract and its routes by name only, so adding a marketplace changes nothing
 * in the core.
 */
class ConnectorArchitectureTest {
    private static final String ROOT = "com.marketplaceconnect";
    private static JavaClasses product;
    private static Set<String> connectors;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
        connectors = product.stream()
                .filter(c -> c.isAssignableTo(MarketplaceConnector.class) && !c.isInterface())
                .map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theConnectorsAreFoundByTheirContract() {
        assertThat(connectors).contains(ROOT + ".amazon", ROOT + ".flipkart");
        assertThat(connectors).allSatisfy(p -> assertThat(p).startsWith(ROOT + ".").doesNotContain("connectors"));
    }

    @Test
    void theCoreImportsNoConnector() {
        noClasses().that().resideOutsideOfPackages(subtrees(connectors))
                .should().dependOnClassesThat().resideInAnyPackage(subtrees(connectors))
                .because("the core reaches a marketplace through MarketplaceConnector and its routes by name")
                .check(product);
    }

    @Test
    void noConnectorImportsAnother() {
        for (String connector : connectors) {
            Set<String> others = new TreeSet<>(connectors);
            others.remove(connector);
            if (others.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage(connector + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(subtrees(others))
                    .because("a connector is self-contained: what two share belongs in the core")
                    .check(product);
        }
    }

    @Test
    void corePackagesDoNotDependOnEachOtherInCircles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(product);
    }

    /**
     * The same rule for the routes: a core route file (one not named for a connector, like sync-requests.yaml or
     * policy-tracking-push.yaml) names no connector outside its comments; it reaches one by name
     * ({@code direct:${exchangeProperty.marketplace.toLowerCase()}-…}).
     */
    @Test
    void coreRoutesNameNoConnector() throws java.io.IOException {
        Set<String> names = connectors.stream().map(p -> p.substring(p.lastIndexOf('.') + 1)).collect(Collectors.toSet());
        java.util.List<String> found = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("routes"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (names.stream().anyMatch(n -> fileName.startsWith(n + "-") || fileName.endsWith("-" + n + ".yaml"))) {
                    continue;
                }
                var lines = java.nio.file.Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip().toLowerCase(java.util.Locale.ROOT);
                    if (line.startsWith("#")) {
                        continue;
                    }
                    for (String name : names) {
                        if (line.contains(name)) {
                            found.add(fileName + ":" + (i + 1) + " names " + name + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(found).as("core route lines that name a connector").isEmpty();
    }

    private static String[] subtrees(Set<String> packages) {
        return packages.stream().map(p -> p + "..").toArray(String[]::new);
    }
}
