package dev.petri.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.EngineRegistry;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.events.ImageBuildFailed;
import dev.petri.events.ImageReady;
import dev.petri.events.Topics;
import dev.petri.image.EventBus;
import dev.petri.image.ImageFlow;
import dev.petri.image.VersionStatus;
import dev.petri.image.repository.ImageRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A publish that breaks halfway, on the real server and through the real broker. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "image"))
@TestProfile(HalfPublishingEngines.Profile.class)
class PublishFailureTest {

    @Inject
    EngineRegistry engines;
    @Inject
    ImageRepository repository;

    EventBus bus;
    DatabaseEngine engine;

    @BeforeEach
    void connect() {
        bus = new EventBus(Topics.IMAGE_BUILD_REQUESTED, Topics.IMAGE_READY, Topics.IMAGE_BUILD_FAILED);
        engine = engines.engine(ImageFlow.HOST);
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void aPublishThatBreaksHalfwayLeavesNoDatabaseBehindAndIsAnnouncedAsFailed() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "halfway");
        flow.define(null, null);
        flow.awaitBuildRequested(1);

        flow.completeMasking(1);

        ImageBuildFailed failed = bus.await(Topics.IMAGE_BUILD_FAILED, ImageBuildFailed.class,
                e -> e.imageName().equals(flow.image()));
        assertEquals(1, failed.version());
        assertEquals("publish", failed.errorType());
        assertFalse(failed.reason().contains("sealing"), "the cause stays in the log: " + failed.reason());
        assertEquals(VersionStatus.FAILED, repository.version(flow.image(), 1).orElseThrow().status());
        assertFalse(engine.databaseExists(DbNames.staging(flow.image(), 1)), "no staging database is left");
        assertFalse(engine.databaseExists(DbNames.image(flow.image(), 1)), "no half-published image database is left");
        assertTrue(bus.allAfter(Duration.ofSeconds(1), Topics.IMAGE_READY, ImageReady.class,
                e -> e.imageName().equals(flow.image())).isEmpty());
    }
}
