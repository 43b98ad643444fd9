package dev.petri.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON form of events is stable, readable and carries no plain secrets. */
class EventJsonTest {

    @Test
    void anEventSurvivesARoundTripWithIsoTimesAndDurations() {
        EnvironmentRequested e = new EnvironmentRequested(UUID.randomUUID(), Instant.parse("2026-11-26T01:00:00Z"),
                "corr", "env-1", "demo", Duration.ofHours(8), "ci", "alice");
        String json = EventJson.write(e);
        assertTrue(json.contains("\"time\":\"2026-11-26T01:00:00Z\""), json);
        assertTrue(json.contains("\"ttl\":\"PT8H\""), json);
        assertEquals(e, EventJson.read(json, EnvironmentRequested.class));
        assertEquals("env-1", e.entityId());
    }

    @Test
    void readersIgnoreFieldsAddedByNewerProducers() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"time\":\"2026-11-26T01:00:00Z\",\"correlationId\":\"c\","
                + "\"environmentId\":\"e\",\"releasedBy\":\"bob\",\"addedLater\":42}";
        assertEquals("bob", EventJson.read(json, EnvironmentReleased.class).releasedBy());
    }

    @Test
    void aSealedSecretNeverPrintsItsCiphertext() {
        SealedSecret s = new SealedSecret("k1", "c2VjcmV0");
        assertFalse(s.toString().contains("c2VjcmV0"));
    }

    @Test
    void everyTopicIsDottedAndUnderPetri() {
        assertEquals(Topics.ALL.size(), Topics.ALL.stream().distinct().count());
        Topics.ALL.forEach(t -> assertTrue(t.matches("petri(\\.[a-z-]+)+"), t));
    }
}
