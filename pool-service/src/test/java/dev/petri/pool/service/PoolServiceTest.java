package dev.petri.pool.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.EngineRegistry;
import dev.petri.common.SecretBox;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.EventJson;
import dev.petri.events.PoolStatusChanged;
import dev.petri.events.ImageRetired;
import dev.petri.events.PetriEvent;
import dev.petri.events.Topics;
import dev.petri.pool.Bus;
import dev.petri.pool.Fixtures;
import dev.petri.pool.PoolTestResource;
import dev.petri.pool.config.PoolConfig;
import dev.petri.pool.repository.MemberRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pools across two real database hosts: placement, image copies, new versions, new migrations, recovery. */
@QuarkusTest
@QuarkusTestResource(value = PoolTestResource.class, restrictToAnnotatedClass = true)
class PoolServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    EngineRegistry engines;
    @Inject
    SecretBox secrets;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    PoolService pools;
    @Inject
    Migrations migrations;
    @Inject
    PoolConfig config;
    @Inject
    MemberRepository members;

    private final List<String> images = new ArrayList<>();

    @AfterEach
    void stopRefillingThisTestsPools() {
        images.forEach(image -> pools.targetChanged(image, 0));
    }

    private String publishImage(String image, int version, int poolSize) {
        images.add(image);
        String db = Fixtures.createImage(engines.engine("local"), image, version, 50);
        try (Bus bus = Bus.listen()) {
            bus.publish(Topics.IMAGE_READY, Fixtures.imageReady(image, version, "local", db, poolSize));
        }
        return db;
    }

    private EnvironmentReady claim(Bus bus, String image) {
        EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
        bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
        return Bus.event(bus.await(Topics.ENVIRONMENT_READY, Bus.field("environmentId", request.environmentId()), WAIT),
                EnvironmentReady.class);
    }

    private int liveOn(String host) {
        return Fixtures.count(dataSource, "SELECT count(*) FROM members WHERE host = ? AND status IN"
                + " ('PROVISIONING','READY','CLAIMED','RELEASING')", host);
    }

    private int countWhere(String where, Object... args) {
        return Fixtures.count(dataSource, "SELECT count(*) FROM members WHERE " + where, args);
    }

    @Test
    void membersGoToTheHostWithMostRoomAndCloneALocalCopyOfTheImage() throws Exception {
        int poolSize = Math.abs(liveOn("local") - liveOn("second")) + 4;
        String image = Fixtures.newImageName();
        publishImage(image, 1, poolSize);
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == poolSize);
        assertTrue(countWhere("image = ? AND host = 'local'", image) >= 2);
        assertTrue(countWhere("image = ? AND host = 'second'", image) >= 2);
        assertTrue(Math.abs(liveOn("local") - liveOn("second")) <= 1, "hosts are balanced by room");

        DatabaseEngine second = engines.engine("second");
        String copy = DbNames.image(image, 1);
        assertTrue(second.databaseExists(copy));
        assertEquals("petri:image:" + image + ":1", second.databaseMarker(copy).orElseThrow());
        assertEquals(1, Fixtures.count(dataSource, "SELECT count(*) FROM image_copies WHERE image = ? AND version = 1"
                + " AND host = 'second' AND status = 'READY'", image));
        try (Connection c = second.connect("postgres"); PreparedStatement ps = c.prepareStatement(
                "SELECT datallowconn FROM pg_database WHERE datname = ?")) {
            ps.setString(1, copy);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1), "the copy is sealed like the image");
            }
        }

        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            EnvironmentReady onSecond = null;
            for (int i = 0; i < poolSize && onSecond == null; i++) {
                EnvironmentReady ready = claim(bus, image);
                if (ready.port() == second.host().publicPort()) {
                    onSecond = ready;
                }
            }
            assertTrue(onSecond != null, "some environment lives on the second host");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + onSecond.host() + ":"
                    + onSecond.port() + "/" + onSecond.database(), onSecond.username(),
                    secrets.open(onSecond.password()));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), min(version) FROM patients")) {
                rs.next();
                assertEquals(50, rs.getInt(1));
                assertEquals(1, rs.getInt(2));
            }
        }
    }

    @Test
    void duringABurstOfClaimsTheRefillWaitsWhileThePoolHasStockThenCatchesUp() {
        String image = Fixtures.newImageName();
        publishImage(image, 1, 10);
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 10);
        assertEquals(1, PoolService.lowWater(10, config.burstLowWaterPercent()));

        claimDirectly(image, 9);
        pools.claimed(image);
        pools.refill(image);
        assertEquals(1, countWhere("image = ? AND status IN ('READY','PROVISIONING')", image),
                "one READY member is still stock: nothing is built while claims are being served");

        claimDirectly(image, 1);
        pools.claimed(image);
        pools.refill(image);
        assertEquals(10, countWhere("image = ? AND status IN ('READY','PROVISIONING')", image),
                "an empty pool refills at once, burst or not");
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 10);
    }

    @Test
    void aHeldRefillRunsOnceTheClaimsPause() {
        String image = Fixtures.newImageName();
        publishImage(image, 1, 6);
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 6);
        claimDirectly(image, 3);
        pools.claimed(image);
        pools.refill(image);
        assertEquals(3, countWhere("image = ? AND status IN ('READY','PROVISIONING')", image));
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 6);
    }

    private void claimDirectly(String image, int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(members.claimReady(image, UUID.randomUUID().toString(), "tester", "burst",
                    Instant.now().plusSeconds(3600)).isPresent());
        }
    }

    @Test
    void aNewVersionFillsItsPoolThenDrainsOnlyTheOldIdleMembers() {
        String image = Fixtures.newImageName();
        publishImage(image, 1, 2);
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 2);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.POOL_STATUS_CHANGED)) {
            EnvironmentReady kept = claim(bus, image);
            assertEquals(1, kept.imageVersion());
            await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 2);

            publishImage(image, 2, 2);
            await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 2) == 2
                    && Fixtures.ready(dataSource, image, 1) == 0);
            bus.await(Topics.POOL_STATUS_CHANGED, json -> {
                PoolStatusChanged s = EventJson.read(json, PoolStatusChanged.class);
                return s.imageName().equals(image) && s.imageVersion() == 2 && s.ready() == 2;
            }, WAIT);
            await().atMost(WAIT).until(() -> countWhere("image = ? AND version = 1 AND status = 'DROPPED'", image) == 2);
            assertEquals(1, countWhere("image = ? AND version = 1 AND status = 'CLAIMED' AND environment_id = ?",
                    image, kept.environmentId()));
            assertTrue(hostOf(kept).databaseExists(kept.database()), "a claimed environment keeps its version");
            assertEquals(1, Fixtures.count(dataSource, "SELECT count(*) FROM pool_images WHERE image = ?"
                    + " AND version = 1 AND status = 'RETIRED'", image));
            await().atMost(WAIT).until(() -> Fixtures.count(dataSource, "SELECT count(*) FROM image_copies"
                    + " WHERE image = ? AND version = 1 AND status IN ('COPYING', 'READY')", image) == 0);
            assertEquals(2, claim(bus, image).imageVersion());
        }
    }

    @Test
    void aSmallerPoolSizeDropsTheIdleMembersAboveItAndKeepsTheClaimedOnes() {
        String image = Fixtures.newImageName();
        publishImage(image, 1, 4);
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 4);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            EnvironmentReady kept = claim(bus, image);
            await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 4);

            pools.targetChanged(image, 1);

            assertEquals(1, Fixtures.ready(dataSource, image, 1), "the idle members above the new size are dropped");
            await().atMost(WAIT).until(() -> countWhere("image = ? AND status = 'DROPPED'", image) == 3);
            assertEquals(1, countWhere("image = ? AND status = 'CLAIMED' AND environment_id = ?", image,
                    kept.environmentId()), "a claimed environment stays");
            assertTrue(hostOf(kept).databaseExists(kept.database()));
        }
    }

    @Test
    void aVersionRetiredBeforeTheNewPoolIsFullKeepsServingUntilItIs() {
        String image = Fixtures.newImageName();
        publishImage(image, 1, 2);
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 2);
        images.add(image);
        String v2 = Fixtures.createImage(engines.engine("local"), image, 2, 50);
        // an image that keeps one ready version: v2 ready, v1 retired at once, before v2's pool is built
        pools.imageReady(Fixtures.imageReady(image, 2, "local", v2, 2));
        pools.imageRetired(new ImageRetired(PetriEvent.newId(), Instant.now(), image, image, 1, "local",
                image + "_v1", "retention"));

        assertEquals(2, Fixtures.ready(dataSource, image, 1), "the old idle members still serve");
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 2) == 2
                && Fixtures.ready(dataSource, image, 1) == 0);
        // the drain drops the old idle members, then marks the version retired
        await().atMost(WAIT).until(() -> Fixtures.count(dataSource, "SELECT count(*) FROM pool_images WHERE image = ?"
                + " AND version = 1 AND status = 'RETIRED'", image) == 1);
    }

    @Test
    void changedMigrationsRebuildTheMembers() throws Exception {
        String image = Fixtures.newImageName();
        publishImage(image, 1, 2);
        String before = migrations.hash();
        await().atMost(WAIT).until(() -> countWhere("image = ? AND status = 'READY' AND migrations_hash = ?",
                image, before) == 2);
        Path dir = Path.of(config.migrationsDir().orElseThrow());
        Files.writeString(dir.resolve("V2__gadgets_" + image.replace('-', '_') + ".sql"),
                "CREATE TABLE gadgets (id bigint PRIMARY KEY, widget_id bigint REFERENCES widgets (id));\n");
        String after = migrations.hash();
        assertFalse(before.equals(after));
        pools.refill(image);
        await().atMost(WAIT).until(() -> countWhere("image = ? AND status = 'READY' AND migrations_hash = ?",
                image, after) == 2 && countWhere("image = ? AND status = 'READY' AND migrations_hash = ?",
                image, before) == 0);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            EnvironmentReady ready = claim(bus, image);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + ready.host() + ":" + ready.port()
                    + "/" + ready.database(), ready.username(), secrets.open(ready.password()));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM gadgets")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void recoveryDropsStuckMembersAndMarkedOrphansButNeverAnUnmarkedDatabase() throws SQLException {
        String image = Fixtures.newImageName();
        String imageDb = publishImage(image, 1, 2);
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 2);
        DatabaseEngine local = engines.engine("local");

        String stuckId = UUID.randomUUID().toString();
        String stuckDb = DbNames.member(stuckId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO members (id, image, version, host, database, login, password_sealed, status,"
                        + " migrations_hash, updated_at) VALUES (?::uuid, ?, 1, 'local', ?, ?, '', 'PROVISIONING', ?,"
                        + " now() - interval '2 hours')")) {
            ps.setString(1, stuckId);
            ps.setString(2, image);
            ps.setString(3, stuckDb);
            ps.setString(4, DbNames.login(stuckId));
            ps.setString(5, migrations.hash());
            ps.executeUpdate();
        }
        local.cloneDatabase(imageDb, stuckDb);
        local.markDatabase(stuckDb, "petri:member:" + stuckId);
        pools.targetChanged(image, 3);

        String orphanId = UUID.randomUUID().toString();
        String orphan = DbNames.member(orphanId);
        local.createPrivateDatabase(orphan);
        local.markDatabase(orphan, "petri:member:" + orphanId);
        String unmarked = DbNames.member(UUID.randomUUID().toString());
        local.createPrivateDatabase(unmarked);
        String misMarked = DbNames.member(UUID.randomUUID().toString());
        local.createPrivateDatabase(misMarked);
        local.markDatabase(misMarked, "petri:member:" + UUID.randomUUID());

        pools.recover();

        assertFalse(local.databaseExists(stuckDb));
        assertEquals(1, countWhere("id = ?::uuid AND status = 'FAILED'", stuckId));
        assertFalse(local.databaseExists(orphan), "a marked orphan is dropped");
        assertTrue(local.databaseExists(unmarked), "an unmarked database is only reported");
        assertTrue(local.databaseExists(misMarked), "a database marked for another member is only reported");
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 3);
        local.dropDatabase(unmarked);
        local.dropDatabase(misMarked);
    }

    @Test
    void recoveryLeavesTheBuildsOfALiveInstanceAndTakesThoseOfAStoppedOne() throws SQLException {
        String image = Fixtures.newImageName();
        String imageDb = publishImage(image, 1, 0);
        DatabaseEngine local = engines.engine("local");
        UUID live = UUID.randomUUID();
        UUID stopped = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO pool_instances (id, heartbeat_at) VALUES ('" + live + "', now()),"
                    + " ('" + stopped + "', now() - interval '5 minutes')");
        }
        String building = insertProvisioning(image, live, local, imageDb);
        String abandoned = insertProvisioning(image, stopped, local, imageDb);

        pools.recover(); // as an instance starting beside the live one does

        assertTrue(local.databaseExists(DbNames.member(building)), "another live instance's build is left alone");
        assertEquals(1, countWhere("id = ?::uuid AND status = 'PROVISIONING'", building));
        assertFalse(local.databaseExists(DbNames.member(abandoned)), "a stopped instance's build is dropped");
        assertEquals(1, countWhere("id = ?::uuid AND status = 'FAILED'", abandoned));
        local.dropDatabase(DbNames.member(building));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE members SET status = 'FAILED' WHERE id = '" + building + "'");
            st.execute("DELETE FROM pool_instances WHERE id IN ('" + live + "', '" + stopped + "')");
        }
    }

    /** A member being built right now by an instance, with its database (a clone of the image) and marker. */
    private String insertProvisioning(String image, UUID instance, DatabaseEngine local, String imageDb)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO members (id, image, version, host, database, login, password_sealed, status,"
                        + " migrations_hash, built_by) VALUES (?::uuid, ?, 1, 'local', ?, ?, '', 'PROVISIONING', ?,"
                        + " ?::uuid)")) {
            ps.setString(1, id);
            ps.setString(2, image);
            ps.setString(3, DbNames.member(id));
            ps.setString(4, DbNames.login(id));
            ps.setString(5, migrations.hash());
            ps.setString(6, instance.toString());
            ps.executeUpdate();
        }
        local.cloneDatabase(imageDb, DbNames.member(id));
        local.markDatabase(DbNames.member(id), "petri:member:" + id);
        return id;
    }

    private DatabaseEngine hostOf(EnvironmentReady ready) {
        return engines.all().values().stream().filter(e -> e.host().publicPort() == ready.port()).findFirst()
                .orElseThrow();
    }
}
