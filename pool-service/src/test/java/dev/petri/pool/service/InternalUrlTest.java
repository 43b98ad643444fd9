package dev.petri.pool.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petri.common.EngineRegistry;
import dev.petri.common.SecretBox;
import dev.petri.engine.DatabaseEngine;
import dev.petri.events.EnvironmentReady;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hosts whose public address the pool service cannot reach, as in docker-compose or Kubernetes: members
 * are built (migrations included) through the address the service administers the host with, and
 * developers still get the public address.
 */
@QuarkusTest
@QuarkusTestResource(value = PoolTestResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "service", value = "pool-internal"),
        @ResourceArg(name = "public-host", value = "db.petri.invalid")})
class InternalUrlTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    EngineRegistry engines;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    SecretBox secrets;

    @Test
    void membersAreBuiltThroughTheInternalAddressAndHandedOutWithThePublicOne() throws Exception {
        String image = Fixtures.newImageName();
        String db = Fixtures.createImage(engines.engine("local"), image, 1, 10);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            bus.publish(Topics.IMAGE_READY, Fixtures.imageReady(image, 1, "local", db, 2));
            await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 2);

            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            EnvironmentReady ready = Bus.event(bus.await(Topics.ENVIRONMENT_READY,
                    Bus.field("environmentId", request.environmentId()), WAIT), EnvironmentReady.class);
            assertEquals("db.petri.invalid", ready.host());

            DatabaseEngine host = Fixtures.hostOf(engines, ready);
            try (Connection c = DriverManager.getConnection(host.internalJdbcUrl(ready.database()), ready.username(),
                    secrets.open(ready.password())); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM widgets")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the team's migrations ran on the member");
            }
        }
    }
}
