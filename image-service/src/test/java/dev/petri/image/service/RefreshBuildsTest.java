package dev.petri.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.EngineRegistry;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.Topics;
import dev.petri.image.EventBus;
import dev.petri.image.ImageFlow;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scheduled refreshes through the service: a due cron requests the next version's build on the real broker. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "image"))
class RefreshBuildsTest {

    @Inject
    RefreshService refresh;
    @Inject
    EngineRegistry engines;
    @Inject
    AgroalDataSource dataSource;

    EventBus bus;

    @BeforeEach
    void connect() {
        bus = new EventBus(Topics.IMAGE_BUILD_REQUESTED, Topics.IMAGE_READY);
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void aDueRefreshScheduleRequestsTheNextVersionOnceAndANotDueOneNothing() throws SQLException {
        ImageFlow due = new ImageFlow(bus, engines.engine(ImageFlow.HOST), "hourly");
        ImageFlow notDue = new ImageFlow(bus, engines.engine(ImageFlow.HOST), "hourlyfresh");
        for (ImageFlow flow : new ImageFlow[] {due, notDue}) {
            flow.define(null, "0 0 * * * ?");
            flow.awaitBuildRequested(1);
            flow.completeMasking(1);
            flow.awaitReady(1);
        }
        lastBuildRequestedHoursAgo(due.image(), 2);

        refresh.buildDueImages();
        refresh.buildDueImages();

        assertEquals("schedule", due.awaitBuildRequested(2).trigger());
        assertTrue(bus.allAfter(Duration.ofSeconds(2), Topics.IMAGE_BUILD_REQUESTED, ImageBuildRequested.class,
                e -> (e.imageName().equals(due.image()) && e.version() > 2)
                        || (e.imageName().equals(notDue.image()) && e.version() > 1)).isEmpty(),
                "one scheduled build for the due image, none for the other");
    }

    private void lastBuildRequestedHoursAgo(String image, int hours) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE image_definitions SET last_build_requested_at = now() - make_interval(hours => ?) WHERE name = ?")) {
            ps.setInt(1, hours);
            ps.setString(2, image);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
