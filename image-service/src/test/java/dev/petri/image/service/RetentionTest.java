package dev.petri.image.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.EngineRegistry;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.events.ImageRetired;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention keeping one ready version, through the real broker and server. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "image"))
@TestProfile(KeepOneVersion.class)
class RetentionTest {

    @Inject
    EngineRegistry engines;
    @Inject
    ImageRepository repository;

    EventBus bus;
    DatabaseEngine engine;

    @BeforeEach
    void connect() {
        bus = new EventBus(Topics.IMAGE_BUILD_REQUESTED, Topics.IMAGE_READY, Topics.IMAGE_RETIRED);
        engine = engines.engine(ImageFlow.HOST);
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void aNewReadyVersionRetiresTheOlderOneAndDropsItsDatabase() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "keep");
        flow.firstVersionReady();
        flow.orderBuild();
        flow.awaitBuildRequested(2);

        flow.completeMasking(2);

        ImageRetired retired = bus.await(Topics.IMAGE_RETIRED, ImageRetired.class,
                e -> e.imageName().equals(flow.image()));
        assertEquals(1, retired.version());
        assertEquals("retention", retired.reason());
        assertEquals(DbNames.image(flow.image(), 1), retired.database());
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.databaseExists(DbNames.image(flow.image(), 1)));
        assertEquals(VersionStatus.RETIRED, repository.version(flow.image(), 1).orElseThrow().status());
        assertEquals(VersionStatus.READY, repository.version(flow.image(), 2).orElseThrow().status());
        assertTrue(engine.databaseExists(DbNames.image(flow.image(), 2)));
    }

    @Test
    void aVersionPastRetentionIsRetiredOnlyWhenItsLastEnvironmentIsGone() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "held");
        flow.firstVersionReady();
        String environment = UUID.randomUUID().toString();
        flow.environmentReady(environment, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> repository.liveEnvironments(flow.image(), 1) == 1);
        flow.orderBuild();
        flow.awaitBuildRequested(2);

        flow.completeMasking(2);
        flow.awaitReady(2);

        assertTrue(bus.allAfter(Duration.ofSeconds(2), Topics.IMAGE_RETIRED, ImageRetired.class,
                e -> e.imageName().equals(flow.image())).isEmpty(), "version 1 is held by its environment");
        assertEquals(VersionStatus.READY, repository.version(flow.image(), 1).orElseThrow().status());
        assertTrue(engine.databaseExists(DbNames.image(flow.image(), 1)));

        flow.environmentDropped(environment);

        ImageRetired retired = bus.await(Topics.IMAGE_RETIRED, ImageRetired.class,
                e -> e.imageName().equals(flow.image()));
        assertEquals(1, retired.version());
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.databaseExists(DbNames.image(flow.image(), 1)));
        assertFalse(repository.readyVersions(flow.image()).stream().anyMatch(v -> v.version() == 1));
    }

    @Test
    void aVersionPastRetentionIsRetiredWhenItsLastEnvironmentExpires() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "expired");
        flow.firstVersionReady();
        String environment = UUID.randomUUID().toString();
        flow.environmentReady(environment, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> repository.liveEnvironments(flow.image(), 1) == 1);
        flow.orderBuild();
        flow.awaitBuildRequested(2);
        flow.completeMasking(2);
        flow.awaitReady(2);
        assertEquals(VersionStatus.READY, repository.version(flow.image(), 1).orElseThrow().status());

        flow.environmentExpired(environment);

        ImageRetired retired = bus.await(Topics.IMAGE_RETIRED, ImageRetired.class,
                e -> e.imageName().equals(flow.image()));
        assertEquals(1, retired.version());
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.databaseExists(DbNames.image(flow.image(), 1)));
        assertEquals(0, repository.liveEnvironments(flow.image(), 1));
    }

    @Test
    void anEnvironmentWhoseDropArrivedBeforeItsReadyIsNotCountedAsLive() {
        String image = "late-" + UUID.randomUUID().toString().substring(0, 8);
        String early = UUID.randomUUID().toString();
        String normal = UUID.randomUUID().toString();

        repository.environmentDropped(early, image);
        repository.environmentReady(early, image, 1);
        repository.environmentReady(normal, image, 1);

        assertEquals(1, repository.liveEnvironments(image, 1));
    }
}
