package com.marketplaceconnect.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schema accepts the documented example and refuses what the docs say it refuses. */
class ShipmentEventSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema() throws Exception {
        try (var in = ShipmentEventSchemaTest.class.getResourceAsStream(ShipmentEventParser.SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    @Test
    void theDocumentedExampleIsValid() throws Exception {
        JsonNode example = JSON.readTree(Files.readString(Path.of("docs/shipment-event.example.json")));
        assertThat(schema().validate(example)).isEmpty();
    }

    @Test
    void theDocumentedFlipkartExampleIsValid() throws Exception {
        JsonNode example = JSON.readTree(Files.readString(Path.of("docs/shipment-event.flipkart.example.json")));
        assertThat(schema().validate(example)).isEmpty();
    }

    @Test
    void anEventWithoutAnAccountOrWithABadDateOrAnUnknownFieldIsRefused() throws Exception {
        ObjectNode example = (ObjectNode) JSON.readTree(Files.readString(Path.of("docs/shipment-event.example.json")));
        ObjectNode noAccount = example.deepCopy();
        noAccount.remove("externalAccountId");
        assertThat(schema().validate(noAccount)).isNotEmpty();
        ObjectNode badDate = example.deepCopy();
        badDate.put("shipDate", "02/21/2022");
        assertThat(schema().validate(badDate)).isNotEmpty();
        ObjectNode extra = example.deepCopy();
        extra.put("trackingNo", "1");
        assertThat(schema().validate(extra)).isNotEmpty();
    }
}
