package dev.petri.pool.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.EngineRegistry;
import dev.petri.common.SecretBox;
import dev.petri.devstack.DevStack;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.events.EnvironmentDropped;
import dev.petri.events.EnvironmentExpired;
import dev.petri.events.EnvironmentExtendRequested;
import dev.petri.events.EnvironmentExtended;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EnvironmentReleased;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.PetriEvent;
import dev.petri.events.Topics;
import dev.petri.pool.Bus;
import dev.petri.pool.Fixtures;
import dev.petri.pool.Member;
import dev.petri.pool.PoolTestResource;
import dev.petri.pool.repository.MemberRepository;
import dev.petri.pool.repository.PoolImageRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Environments through the real broker and real PostgreSQL: claimed, built cold, released, expired, extended. */
@QuarkusTest
@QuarkusTestResource(value = PoolTestResource.class, restrictToAnnotatedClass = true)
class EnvironmentServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    EngineRegistry engines;
    @Inject
    SecretBox secrets;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MemberRepository members;
    @Inject
    PoolService pools;
    @Inject
    PoolImageRepository poolImages;

    private String warmImage(int poolSize) {
        String image = Fixtures.newImageName();
        String db = Fixtures.createImage(engines.engine("local"), image, 1, 100);
        try (Bus bus = Bus.listen()) {
            bus.publish(Topics.IMAGE_READY, Fixtures.imageReady(image, 1, "local", db, poolSize));
        }
        await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) >= poolSize
                && Fixtures.count(dataSource, "SELECT count(*) FROM pool_images WHERE image = ?", image) == 1);
        return image;
    }

    private EnvironmentReady requestAndAwait(Bus bus, EnvironmentRequested request) {
        bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
        return Bus.event(bus.await(Topics.ENVIRONMENT_READY, Bus.field("environmentId", request.environmentId()), WAIT),
                EnvironmentReady.class);
    }

    private Connection connect(EnvironmentReady ready, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + ready.host() + ":" + ready.port() + "/" + database,
                ready.username(), secrets.open(ready.password()));
    }

    @Test
    void aWarmClaimGivesALoginThatOwnsItsDatabaseAndNothingElse() throws Exception {
        String image = warmImage(2);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            EnvironmentReady first = requestAndAwait(bus, Fixtures.request(image, Duration.ofHours(1)));
            EnvironmentReady second = requestAndAwait(bus, Fixtures.request(image, Duration.ofHours(1)));
            assertFalse(first.cold());
            assertFalse(first.database().equals(second.database()));
            try (Connection c = connect(first, first.database()); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM patients")) {
                    rs.next();
                    assertEquals(100, rs.getInt(1));
                }
                st.execute("CREATE TABLE scratch (id int PRIMARY KEY)");
                st.execute("ALTER TABLE patients ADD COLUMN note text");
                st.execute("CREATE SCHEMA experiments");
                st.execute("INSERT INTO widgets VALUES (1, 'from the team migrations')");
                st.execute("DROP TABLE scratch");
                assertThrows(SQLException.class, () -> st.execute("CREATE DATABASE escape_hatch"));
                assertThrows(SQLException.class, () -> st.execute("CREATE ROLE intruder LOGIN"));
            }
            String staging = DbNames.staging(image, 1);
            engines.engine("local").createPrivateDatabase(staging);
            for (String elsewhere : List.of(second.database(), DbNames.image(image, 1), staging,
                    DevStack.serviceDatabase("pool"), "postgres", "template1")) {
                assertThrows(SQLException.class, () -> connect(first, elsewhere).close(),
                        "the login must not reach " + elsewhere);
            }
            engines.engine("local").dropDatabase(staging);
        }
    }

    @Test
    void theReadyEventOnTheBusNeverCarriesThePlainPassword() {
        String image = warmImage(1);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            ConsumerRecord<String, byte[]> raw = bus.await(Topics.ENVIRONMENT_READY,
                    Bus.field("environmentId", request.environmentId()), WAIT);
            String password = secrets.open(Bus.event(raw, EnvironmentReady.class).password());
            assertTrue(password.length() >= 16);
            assertFalse(new String(raw.value(), StandardCharsets.UTF_8).contains(password));
            assertFalse(new String(raw.value(), StandardCharsets.ISO_8859_1).contains(password));
        }
    }

    @Test
    void anEmptyPoolBuildsAColdEnvironmentWhileTheRequestWaits() throws Exception {
        String image = warmImage(0);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            EnvironmentReady ready = requestAndAwait(bus, Fixtures.request(image, Duration.ofHours(1)));
            assertTrue(ready.cold());
            try (Connection c = connect(ready, ready.database()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM widgets")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void aRedeliveredRequestGetsTheSameEnvironmentNeverASecond() {
        String image = warmImage(2);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            List<ConsumerRecord<String, byte[]>> answers = bus.awaitCount(Topics.ENVIRONMENT_READY,
                    Bus.field("environmentId", request.environmentId()), 2, WAIT);
            assertEquals(Bus.event(answers.get(0), EnvironmentReady.class).database(),
                    Bus.event(answers.get(1), EnvironmentReady.class).database());
            assertEquals(1, Fixtures.count(dataSource, "SELECT count(*) FROM members WHERE environment_id = ?",
                    request.environmentId()));
        }
    }

    @Test
    void neverHandsTheSameMemberToTwoClaimersEvenFromTwoInstances() throws Exception {
        int poolSize = 24;
        String image = warmImage(poolSize);
        poolImages.setTarget(image, 0); // no refill adds members while they are claimed (nor trims the ready ones)
        EmbeddedPostgresServer server = DevStack.shared().postgres();
        PGSimpleDataSource otherInstance = new PGSimpleDataSource();
        otherInstance.setURL(server.jdbcUrl(DevStack.serviceDatabase("pool")));
        otherInstance.setUser(EmbeddedPostgresServer.SUPERUSER);
        otherInstance.setPassword(server.password());
        List<MemberRepository> instances = List.of(members, new MemberRepository(otherInstance));
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Optional<Member>>> claims = new ArrayList<>();
            for (int i = 0; i < poolSize * 3; i++) {
                MemberRepository instance = instances.get(i % 2);
                claims.add(() -> instance.claimReady(image, UUID.randomUUID().toString(), "tester", "race",
                        Instant.now().plusSeconds(3600)));
            }
            List<String> claimed = new ArrayList<>();
            for (Future<Optional<Member>> f : clients.invokeAll(claims)) {
                f.get().ifPresent(m -> claimed.add(m.id()));
            }
            assertEquals(poolSize, claimed.size());
            assertEquals(poolSize, new HashSet<>(claimed).size());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void concurrentRequestsOverTheBusGetDistinctEnvironments() {
        int requests = 12;
        String image = warmImage(requests);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < requests; i++) {
                EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
                ids.add(request.environmentId());
                bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            }
            List<ConsumerRecord<String, byte[]>> answers = bus.awaitCount(Topics.ENVIRONMENT_READY,
                    json -> ids.contains(Bus.event(jsonRecord(json), EnvironmentReady.class).environmentId()),
                    requests, WAIT);
            Set<String> databases = new HashSet<>();
            answers.forEach(r -> databases.add(Bus.event(r, EnvironmentReady.class).database()));
            assertEquals(requests, databases.size());
        }
    }

    private static ConsumerRecord<String, byte[]> jsonRecord(String json) {
        return new ConsumerRecord<>("", 0, 0, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void releasedCredentialsAreRefusedAtOnceAndTheDatabaseIsDroppedOnceClaimsPause() throws Exception {
        String image = warmImage(1);
        DatabaseEngine local = engines.engine("local");
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_DROPPED);
             Burst burst = new Burst(pools, image)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            EnvironmentReady ready = requestAndAwait(bus, request);
            DatabaseEngine host = Fixtures.hostOf(engines, ready);
            try (Connection open = connect(ready, ready.database())) {
                bus.publish(Topics.ENVIRONMENT_RELEASED, new EnvironmentReleased(PetriEvent.newId(), Instant.now(),
                        request.correlationId(), request.environmentId(), "tester"));
                Bus.event(bus.await(Topics.ENVIRONMENT_DROPPED, Bus.field("environmentId", request.environmentId()),
                        WAIT), EnvironmentDropped.class);
                assertThrows(SQLException.class, () -> connect(ready, ready.database()).close(),
                        "the released credentials are refused at once");
                assertThrows(SQLException.class, () -> {
                    try (Statement st = open.createStatement()) {
                        st.execute("SELECT 1");
                    }
                }, "the released environment's session was ended");
            }
            assertEquals("DROP_PENDING", memberStatus(ready.database()));
            assertTrue(host.databaseExists(ready.database()), "the drop waits while claims go on");

            EnvironmentReady next = requestAndAwait(bus, Fixtures.request(image, Duration.ofHours(1)));
            assertFalse(next.database().equals(ready.database()), "a member waiting for its drop is never claimed");
            assertEquals("DROP_PENDING", memberStatus(ready.database()));

            burst.close();
            // the database is dropped first, then its login
            await().atMost(Duration.ofSeconds(15)).until(() -> !host.databaseExists(ready.database())
                    && !host.loginExists(ready.username()));
            assertEquals("DROPPED", memberStatus(ready.database()));
            await().atMost(WAIT).until(() -> Fixtures.ready(dataSource, image, 1) == 1);
            assertTrue(local.databaseExists(DbNames.image(image, 1)));
        }
    }

    @Test
    void aDropPendingThroughAnEndlessBurstHappensAfterTheMaximumDelay() {
        String image = warmImage(1);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_DROPPED);
             Burst burst = new Burst(pools, image)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            EnvironmentReady ready = requestAndAwait(bus, request);
            DatabaseEngine host = Fixtures.hostOf(engines, ready);
            Instant released = Instant.now();
            bus.publish(Topics.ENVIRONMENT_RELEASED, new EnvironmentReleased(PetriEvent.newId(), Instant.now(),
                    request.correlationId(), request.environmentId(), "tester"));
            await().atMost(WAIT).until(() -> "DROP_PENDING".equals(memberStatus(ready.database())));
            await().atMost(WAIT).until(() -> !host.databaseExists(ready.database()));
            Duration waited = Duration.between(released, Instant.now());
            assertTrue(waited.compareTo(Duration.ofSeconds(15)) > 0, "dropped during the burst after " + waited
                    + ", before the maximum delay of 20 s");
            assertFalse(host.loginExists(ready.username()));
        }
    }

    @Test
    void pendingDropsLeftBehindAreFoundByTheSchedulerNotTakenForOrphansAndDropped() throws Exception {
        String image = warmImage(1);
        DatabaseEngine local = engines.engine("local");
        String id = MemberRepository.newId();
        String database = DbNames.member(id);
        String login = DbNames.login(id);
        try (Burst burst = new Burst(pools, image)) {
            local.cloneDatabase(DbNames.image(image, 1), database);
            local.markDatabase(database, MemberBuilder.MARKER_PREFIX + id);
            local.createOwnerLoginWithRandomPassword(database, login, "Left0ver" + id.replace("-", ""));
            local.disableLogin(login);
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO members (id, image, version, host, database, login, password_sealed, status,"
                        + " environment_id, claimed_at, updated_at) VALUES ('" + id + "', '" + image + "', 1, 'local', '"
                        + database + "', '" + login + "', '', 'DROP_PENDING', 'env-" + id + "', now(), now())");
            }
            pools.recover();
            assertTrue(local.databaseExists(database), "recovery does not take a pending drop for an orphan");
            assertEquals("DROP_PENDING", memberStatus(database));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !local.databaseExists(database) && !local.loginExists(login));
        assertEquals("DROPPED", memberStatus(database));
    }

    @Test
    void anExpiredEnvironmentIsRefusedAtOnceAnnouncedAndDropped() {
        String image = warmImage(1);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_EXPIRED)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofSeconds(2));
            EnvironmentReady ready = requestAndAwait(bus, request);
            EnvironmentExpired expired = Bus.event(bus.await(Topics.ENVIRONMENT_EXPIRED,
                    Bus.field("environmentId", request.environmentId()), WAIT), EnvironmentExpired.class);
            assertEquals(ready.expiresAt(), expired.expiredAt());
            assertThrows(SQLException.class, () -> connect(ready, ready.database()).close(),
                    "the expired credentials are refused at once");
            DatabaseEngine host = Fixtures.hostOf(engines, ready);
            await().atMost(WAIT).until(() -> !host.databaseExists(ready.database()) && !host.loginExists(ready.username()));
        }
    }

    private static EnvironmentReleased released(EnvironmentRequested request) {
        return new EnvironmentReleased(PetriEvent.newId(), Instant.now(), request.correlationId(),
                request.environmentId(), "tester");
    }

    /** Waits until the pool service has recorded a release of an environment it has no member for. */
    private void awaitReleaseRecorded(EnvironmentRequested request) {
        await().atMost(WAIT).until(() -> Fixtures.count(dataSource, "SELECT count(*) FROM environment_requests"
                + " WHERE environment_id = ? AND released_at IS NOT NULL", request.environmentId()) == 1);
    }

    @Test
    void aReleaseThatArrivesBeforeItsRequestIsHonouredAndNoMemberIsClaimed() {
        String image = warmImage(1);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_DROPPED)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            bus.publish(Topics.ENVIRONMENT_RELEASED, released(request));
            awaitReleaseRecorded(request);

            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);

            List<ConsumerRecord<String, byte[]>> dropped = bus.awaitCount(Topics.ENVIRONMENT_DROPPED,
                    Bus.field("environmentId", request.environmentId()), 2, WAIT);
            assertEquals(image, Bus.event(dropped.get(1), EnvironmentDropped.class).imageName());
            assertTrue(bus.allAfter(Duration.ofSeconds(2), Topics.ENVIRONMENT_READY,
                    Bus.field("environmentId", request.environmentId())).isEmpty(), "a released request gets no environment");
            assertEquals(0, Fixtures.count(dataSource, "SELECT count(*) FROM members WHERE environment_id = ?",
                    request.environmentId()));
            assertEquals(1, Fixtures.ready(dataSource, image, 1), "the warm member stays in the pool");
        }
    }

    @Test
    void aReleaseWhileTheColdBuildRunsReleasesTheEnvironmentAsSoonAsItIsBuilt() throws Exception {
        String image = warmImage(0);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_DROPPED);
             Connection hold = dataSource.getConnection()) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            hold.setAutoCommit(false);
            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            String[] building = new String[1];
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
                List<String> ids = Fixtures.strings(dataSource, "SELECT id FROM members WHERE image = ? AND cold"
                        + " AND status = 'PROVISIONING'", image);
                building[0] = ids.isEmpty() ? null : ids.get(0);
                return building[0] != null;
            });
            // the build stops at its next write of the member row until the release is recorded
            try (Statement st = hold.createStatement()) {
                st.execute("SELECT id FROM members WHERE id = '" + building[0] + "' FOR UPDATE");
            }
            bus.publish(Topics.ENVIRONMENT_RELEASED, released(request));
            awaitReleaseRecorded(request);
            hold.rollback();

            EnvironmentDropped dropped = Bus.event(bus.await(Topics.ENVIRONMENT_DROPPED,
                    Bus.field("environmentId", request.environmentId()), WAIT), EnvironmentDropped.class);
            assertEquals("released by tester", dropped.reason());
            assertTrue(bus.allAfter(Duration.ofSeconds(2), Topics.ENVIRONMENT_READY,
                    Bus.field("environmentId", request.environmentId())).isEmpty(), "a released request gets no environment");
            String database = DbNames.member(building[0]);
            await().atMost(WAIT).until(() -> "DROPPED".equals(memberStatus(database)));
            assertEquals(request.environmentId(), Fixtures.strings(dataSource,
                    "SELECT environment_id FROM members WHERE database = ?", database).get(0));
            assertFalse(engines.all().values().stream().anyMatch(e -> e.databaseExists(database)));
        }
    }

    @Test
    void aReleaseOfARequestThatFailedIsAnnouncedAsDropped() {
        String image = Fixtures.newImageName();
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_FAILED, Topics.ENVIRONMENT_DROPPED)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            bus.publish(Topics.ENVIRONMENT_REQUESTED, request);
            bus.await(Topics.ENVIRONMENT_FAILED, Bus.field("environmentId", request.environmentId()), WAIT);

            bus.publish(Topics.ENVIRONMENT_RELEASED, released(request));

            EnvironmentDropped dropped = Bus.event(bus.await(Topics.ENVIRONMENT_DROPPED,
                    Bus.field("environmentId", request.environmentId()), WAIT), EnvironmentDropped.class);
            assertEquals(image, dropped.imageName());
        }
    }

    private String memberStatus(String database) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM members WHERE database = '" + database + "'")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void extendingIsBoundedByTheConfiguredMaximum() {
        String image = warmImage(1);
        try (Bus bus = Bus.listen(Topics.ENVIRONMENT_READY, Topics.ENVIRONMENT_EXTENDED)) {
            EnvironmentRequested request = Fixtures.request(image, Duration.ofHours(1));
            requestAndAwait(bus, request);
            Instant before = Instant.now();
            bus.publish(Topics.ENVIRONMENT_EXTEND_REQUESTED, new EnvironmentExtendRequested(PetriEvent.newId(),
                    Instant.now(), request.correlationId(), request.environmentId(), Duration.ofHours(1000)));
            EnvironmentExtended extended = Bus.event(bus.await(Topics.ENVIRONMENT_EXTENDED,
                    Bus.field("environmentId", request.environmentId()), WAIT), EnvironmentExtended.class);
            Duration granted = Duration.between(before, extended.expiresAt());
            assertTrue(granted.compareTo(Duration.ofHours(72).plusMinutes(1)) < 0, "granted " + granted);
            assertTrue(granted.compareTo(Duration.ofHours(71)) > 0, "granted " + granted);
        }
    }
}
