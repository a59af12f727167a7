package com.marketplaceconnect.shipments;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch's eventIds as the repository reads them ahead of the parser: the same id, or none. */
class ShipmentIntakeIdsTest {

    @Test
    void theTopLevelEventIdIsReadAsTheParserReadsIt() {
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"wms-1\",\"items\":[{\"eventId\":\"x\"}]}")).isEqualTo("wms-1");
        assertThat(ShipmentIntakeIds.eventId("{\"items\":[{\"eventId\":\"x\"}],\"nested\":{\"eventId\":\"y\"},\"eventId\":\"wms-2\"}"))
                .isEqualTo("wms-2");
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"first\",\"eventId\":\"last\"}")).isEqualTo("last");
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"évènement-✓-🚚\"}")).isEqualTo("évènement-✓-🚚");
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"" + "🚚".repeat(100) + "\"}")).isEqualTo("🚚".repeat(100));
    }

    @Test
    void noIdIsReadFromWhatTheParserWouldReject() {
        assertThat(ShipmentIntakeIds.eventId(null)).isNull();
        assertThat(ShipmentIntakeIds.eventId("")).isNull();
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\": \"x\", oops")).isNull();
        assertThat(ShipmentIntakeIds.eventId("[{\"eventId\":\"x\"}]")).isNull();
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":42}")).isNull();
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"\"}")).isNull();
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"evt\\u0000x\"}")).isNull();
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"" + "e".repeat(101) + "\"}")).isNull();
        assertThat(ShipmentIntakeIds.eventId("{\"eventId\":\"x\",\"eventId\":null}")).isNull();
    }
}
