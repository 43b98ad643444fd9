package dev.petri.pool.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.EngineRegistry;
import dev.petri.engine.DatabaseEngine;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EnvironmentReleased;
import dev.petri.events.PetriEvent;
import dev.petri.events.EnvironmentFailed;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.Topics;
import dev.petri.pool.Bus;
import dev.petri.pool.Fixtures;
import dev.petri.pool.PoolTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When every host is full, a request fails with the capacity error instead of waiting forever, unless
 * a released database still waiting for its drop can give up its room.
 */
@QuarkusTest
@QuarkusTestResource(value = PoolTestResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "service", value = "pool-capacity"), @ResourceArg(name = "capacity", value = "1")})
class CapacityTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    EngineRegistry engines;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    PoolService pools;

    private String image;

    @Test
    void aRequestWhenEveryHostIsFullFailsWithTheCapacityError() {
        image = Fixtures.newImageName();
        String db = Fixtures.createImage(engines.engine("local"), image, 1, 10);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_FAILED)) {
            bus.publish(Topics.IMAGE_READY, Fixtures.imageReady(image, 1, "local", db, 5));
            await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 2);
            for (int i = 0; i < 2; i++) {
                EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
                bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
                bus.await(Topics.ENVIRONMENT_READY, Bus.field("environmentId", request.environmentId()), WAIT);
            }
            EnvironmentRequested third = Fixtures.request(image, Duration.ofHours(1));
            bus.publish(Topics.ENVIRONMENT_REQUESTED, third);
            EnvironmentFailed failed = Bus.event(bus.await(Topics.ENVIRONMENT_FAILED,
                    Bus.field("environmentId", third.environmentId()), WAIT), EnvironmentFailed.class);
            assertEquals("capacity", failed.errorType());
            assertEquals(0, Fixtures.count(dataSource, "SELECT count(*) FROM members WHERE environment_id = ?",
                    third.environmentId()));
        }
    }

    /**
     * A released environment's database waits for its drop while claims go on, and still uses its
     * host's room; a request that finds every host full takes that room at once instead of failing.
     */
    @Test
    void aRequestWhenEveryHostIsFullTakesTheRoomOfAReleasedDatabaseStillWaitingForItsDrop() {
        image = Fixtures.newImageName();
        String db = Fixtures.createImage(engines.engine("local"), image, 1, 10);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_FAILED, Topics.ENVIRONMENT_DROPPED)) {
            bus.publish(Topics.IMAGE_READY, Fixtures.imageReady(image, 1, "local", db, 5));
            await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 2);
            List<EnvironmentReady> claimed = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
                bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
                claimed.add(Bus.event(bus.await(Topics.ENVIRONMENT_READY,
                        Bus.field("environmentId", request.environmentId()), WAIT), EnvironmentReady.class));
            }
            // claims keep coming (as the pool service sees it), so the released database waits for its drop
            try (Burst burst = new Burst(pools, image)) {
                EnvironmentReady released = claimed.get(0);
                bus.publish(Topics.ENVIRONMENT_RELEASED, new EnvironmentReleased(PetriEvent.newId(), Instant.now(),
                        released.environmentId(), released.environmentId(), "tester"));
                bus.await(Topics.ENVIRONMENT_DROPPED, Bus.field("environmentId", released.environmentId()), WAIT);
                assertEquals("DROP_PENDING", status(released.environmentId()));
                DatabaseEngine host = Fixtures.hostOf(engines, released);
                assertTrue(host.databaseExists(released.database()), "the released database waits for its drop");

                EnvironmentRequested third = Fixtures.request(image, Duration.ofHours(1));
                bus.publish(Topics.ENVIRONMENT_REQUESTED, third);
                EnvironmentReady ready = Bus.event(bus.await(Topics.ENVIRONMENT_READY,
                        Bus.field("environmentId", third.environmentId()), WAIT), EnvironmentReady.class);
                assertTrue(ready.cold(), "built for the request");
                assertEquals(released.port(), ready.port(), "on the host whose room the released database gave up");
                assertEquals("DROPPED", status(released.environmentId()));
                assertFalse(host.databaseExists(released.database()));
                assertFalse(host.loginExists(released.username()));
                assertEquals(0, Fixtures.count(dataSource, "SELECT count(*) FROM environment_requests"
                        + " WHERE status = 'FAILED' AND environment_id = ?", third.environmentId()));
                assertEquals(2, Fixtures.count(dataSource, "SELECT count(*) FROM members WHERE status IN"
                        + " ('PROVISIONING','READY','CLAIMED','DROP_PENDING','RELEASING')"), "no host over its capacity");
            }
        }
    }

    /** Empties the hosts for the next test: the image's pool target goes to 0 and every claim is released. */
    @AfterEach
    void emptyTheHosts() {
        if (image != null) {
            pools.targetChanged(image, 0);
        }
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_DROPPED)) {
            List<String> claimed = Fixtures.strings(dataSource, "SELECT environment_id FROM members WHERE status = 'CLAIMED'");
            for (String environmentId : claimed) {
                bus.publish(Topics.ENVIRONMENT_RELEASED, new EnvironmentReleased(PetriEvent.newId(), Instant.now(),
                        environmentId, environmentId, "tester"));
            }
            await().atMost(WAIT).until(() -> Fixtures.count(dataSource, "SELECT count(*) FROM members WHERE status IN"
                    + " ('PROVISIONING','READY','CLAIMED','DROP_PENDING','RELEASING')") == 0);
        }
    }

    private String status(String environmentId) {
        return Fixtures.strings(dataSource, "SELECT status FROM members WHERE environment_id = ?", environmentId).get(0);
    }
}
