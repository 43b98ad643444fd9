package dev.petri.pool.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petri.common.EngineRegistry;
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
import org.junit.jupiter.api.Test;

/** When every host is full, a request fails with the capacity error instead of waiting forever. */
@QuarkusTest
@QuarkusTestResource(value = PoolTestResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "service", value = "pool-capacity"), @ResourceArg(name = "capacity", value = "1")})
class CapacityTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    EngineRegistry engines;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRequestWhenEveryHostIsFullFailsWithTheCapacityError() {
        String image = Fixtures.newImageName();
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
}
