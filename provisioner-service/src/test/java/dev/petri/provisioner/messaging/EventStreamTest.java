package dev.petri.provisioner.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.SecretBox;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EventJson;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The live stream shows every event but never a secret, sealed or not. */
class EventStreamTest {

    @Test
    void redactsPasswordsAtAnyDepth() {
        EnvironmentReady ready = new EnvironmentReady(UUID.randomUUID(), Instant.now(), "c", "env", "demo", 1, "postgres",
                "h", 5432, "db", "user", new SecretBox("stream-test-key-long").seal("pw-123"), Instant.now(), false);
        String json = EventStream.toStreamJson("petri.environment.ready", EventJson.write(ready));
        assertTrue(json.contains("\"type\":\"petri.environment.ready\""), json);
        assertTrue(json.contains("\"password\":\"***\""), json);
        assertFalse(json.contains(ready.password().ciphertext()), json);
        String nested = EventStream.toStreamJson("t", "{\"source\":{\"Password\":\"x1\",\"list\":[{\"token\":\"x2\"}]}}");
        assertFalse(nested.contains("x1") || nested.contains("x2"), nested);
    }

    @Test
    void keepsEventsThatAreNotJson() {
        assertTrue(EventStream.toStreamJson("t", "not json").contains("(not JSON)"));
    }
}
