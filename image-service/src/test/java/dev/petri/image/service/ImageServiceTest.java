package dev.petri.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.petri.common.EngineRegistry;
import dev.petri.devstack.DevStack;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.events.ImageBuildFailed;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.ImageReady;
import dev.petri.events.ImageRetired;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.PetriEvent;
import dev.petri.events.Topics;
import dev.petri.image.EventBus;
import dev.petri.image.ImageFlow;
import dev.petri.image.ImageVersion;
import dev.petri.image.VersionStatus;
import dev.petri.image.repository.ImageRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The image service driven through the real Kafka broker, publishing into the real PostgreSQL 18 server. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "image"))
class ImageServiceTest {

    @Inject
    EngineRegistry engines;
    @Inject
    ImageRepository repository;
    @Inject
    ImageService images;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    EventBus bus;
    DatabaseEngine engine;

    @BeforeEach
    void connect() {
        bus = new EventBus(Topics.IMAGE_BUILD_REQUESTED, Topics.IMAGE_READY, Topics.IMAGE_RETIRED,
                Topics.IMAGE_BUILD_FAILED);
        engine = engines.engine(ImageFlow.HOST);
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void aNewDefinitionRequestsTheBuildOfVersionOne() {
        ImageFlow flow = new ImageFlow(bus, engine, "new");
        flow.define(Map.of("rules", List.of("email")), null);

        ImageBuildRequested requested = flow.awaitBuildRequested(1);
        assertEquals("definition", requested.trigger());
        assertEquals("postgres", requested.engine());
        assertEquals(List.of("email"), requested.policy().get("rules"));
        assertEquals(VersionStatus.BUILDING, repository.version(flow.image(), 1).orElseThrow().status());
    }

    @Test
    void aMaskedStagingDatabaseBecomesASealedReadyVersionWithItsReport() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "ready");
        ImageReady ready = flow.firstVersionReady();

        String imageDb = DbNames.image(flow.image(), 1);
        assertEquals(imageDb, ready.database());
        assertEquals(2, ready.poolSize());
        assertTrue(engine.databaseExists(imageDb));
        assertFalse(engine.databaseExists(DbNames.staging(flow.image(), 1)), "the staging database is renamed away");
        try (Connection c = engine.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT d.datallowconn, d.datistemplate, s.setconfig::text"
                     + " FROM pg_database d LEFT JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0"
                     + " WHERE d.datname = '" + imageDb + "'")) {
            assertTrue(rs.next());
            assertFalse(rs.getBoolean(1), "the image database refuses connections");
            assertTrue(rs.getBoolean(2), "the image database is a template");
            assertTrue(rs.getString(3).contains("default_transaction_read_only=on"), "the image database is read only");
        }
        ImageVersion v1 = repository.version(flow.image(), 1).orElseThrow();
        assertEquals(VersionStatus.READY, v1.status());
        assertEquals(Instant.parse("2026-11-01T02:00:00Z"), v1.sourceTime());
        assertEquals("policy-1", v1.policyHash());
        assertEquals(ready.sizeBytes(), v1.sizeBytes());
        assertNotNull(v1.createdAt());
        assertNotNull(v1.readyAt());
        assertTrue(repository.report(flow.image(), 1).orElseThrow().contains("\"leakScan\""));
    }

    @Test
    void aLoginThatOwnsACloneCannotConnectToTheImageDatabase() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "sealed");
        String imageDb = flow.firstVersionReady().database();
        String id = UUID.randomUUID().toString();
        String clone = DbNames.member(id);
        String login = DbNames.login(id);
        String password = "Pw" + UUID.randomUUID().toString().replace("-", "");
        engine.cloneDatabase(imageDb, clone);
        engine.createOwnerLogin(clone, login, password);
        try {
            try (Connection c = DriverManager.getConnection(engine.publicJdbcUrl(clone), login, password);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM patients")) {
                rs.next();
                assertEquals(500, rs.getInt(1), "the clone holds the image's rows and its owner reads them");
                st.execute("CREATE TABLE scratch (id int)");
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(engine.publicJdbcUrl(imageDb), login, password).close());
            assertFalse(refused.getMessage().contains(password), "the refusal does not echo the password");
            DevStack stack = DevStack.shared();
            assertThrows(SQLException.class, () -> stack.postgres().connect(imageDb).close(),
                    "not even the superuser connects to an image database");
        } finally {
            engine.dropDatabase(clone);
            engine.dropLogin(login);
        }
    }

    @Test
    void aFailedBuildLeavesTheLastReadyVersionCurrentAndTheImageUsable() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "failing");
        flow.firstVersionReady();
        flow.orderBuild();
        assertEquals("on-demand", flow.awaitBuildRequested(2).trigger());

        flow.failMasking(2);

        await().atMost(Duration.ofSeconds(30)).until(
                () -> repository.version(flow.image(), 2).orElseThrow().status() == VersionStatus.FAILED);
        assertEquals("leak-scan", repository.version(flow.image(), 2).orElseThrow().errorType());
        assertTrue(repository.report(flow.image(), 2).orElseThrow().replace(" ", "").contains("\"findings\":3"),
                "the failed run's report is kept");
        assertEquals(List.of(1), repository.readyVersions(flow.image()).stream().map(ImageVersion::version).toList());
        assertTrue(engine.databaseExists(DbNames.image(flow.image(), 1)), "version 1's database stays");
        flow.orderBuild();
        flow.awaitBuildRequested(3);
        assertTrue(bus.allAfter(Duration.ZERO, Topics.IMAGE_RETIRED, ImageRetired.class,
                e -> e.imageName().equals(flow.image())).isEmpty(), "nothing was retired");
    }

    @Test
    void definitionChangesWhileABuildRunsAreBuiltOnceAfterIt() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "changing");
        flow.define(Map.of("rules", List.of("a")), null);
        flow.awaitBuildRequested(1);

        flow.define(Map.of("rules", List.of("b")), null);
        flow.define(Map.of("rules", List.of("c")), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> repository.definition(flow.image()).orElseThrow()
                .policyJson().contains("\"c\""));
        assertTrue(bus.allAfter(Duration.ofSeconds(2), Topics.IMAGE_BUILD_REQUESTED, ImageBuildRequested.class,
                e -> e.imageName().equals(flow.image()) && e.version() > 1).isEmpty(), "no second build while one runs");
        assertEquals(1, repository.versions(flow.image()).size());

        flow.completeMasking(1);

        ImageBuildRequested second = flow.awaitBuildRequested(2);
        assertEquals("queued", second.trigger());
        assertEquals(List.of("c"), second.policy().get("rules"), "the follow-up build uses the latest definition");
        assertTrue(bus.allAfter(Duration.ofSeconds(2), Topics.IMAGE_BUILD_REQUESTED, ImageBuildRequested.class,
                e -> e.imageName().equals(flow.image()) && e.version() > 2).isEmpty(), "two changes, one more build");
    }

    @Test
    void resubmittingAnUnchangedDefinitionStartsNoBuild() {
        ImageFlow flow = new ImageFlow(bus, engine, "same");
        flow.define(Map.of("rules", List.of("a")), null);
        flow.awaitBuildRequested(1);
        flow.failMasking(1);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> repository.version(flow.image(), 1).orElseThrow().status() == VersionStatus.FAILED);

        flow.define(Map.of("rules", List.of("a")), null);

        assertTrue(bus.allAfter(Duration.ofSeconds(2), Topics.IMAGE_BUILD_REQUESTED, ImageBuildRequested.class,
                e -> e.imageName().equals(flow.image()) && e.version() > 1).isEmpty());
    }

    @Test
    void anAppliedPolicyFileReplacesThePolicyAndBuildsOnceWhileTheSameFileAgainBuildsNothing() throws SQLException {
        ImageFlow flow = new ImageFlow(bus, engine, "applied");
        flow.firstVersionReady();
        Map<String, Object> policy = Map.of("version", 1, "columns", List.of(Map.of("schema", "public",
                "table", "patients", "column", "name", "class", "person_name", "rule", "person_name")));

        flow.applyPolicy(policy);

        ImageBuildRequested second = flow.awaitBuildRequested(2);
        assertEquals("policy", second.trigger());
        assertEquals(policy, second.policy(), "the build masks with the applied policy");
        assertEquals("postgres", second.engine());
        assertEquals("reader", second.source().username(), "the rest of the definition stays");
        flow.completeMasking(2);
        flow.awaitReady(2);

        flow.applyPolicy(policy);

        assertTrue(bus.allAfter(Duration.ofSeconds(3), Topics.IMAGE_BUILD_REQUESTED, ImageBuildRequested.class,
                e -> e.imageName().equals(flow.image()) && e.version() > 2).isEmpty(), "the same policy builds nothing");
        assertEquals(2, repository.versions(flow.image()).size());
    }

    @Test
    void aBuildWithNoMaskingResultTimesOutAndALateResultLeavesNoStagingDatabase() throws Exception {
        ImageFlow flow = new ImageFlow(bus, engine, "stuck");
        flow.define(null, null);
        flow.awaitBuildRequested(1);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE image_versions SET created_at = now() - interval '1 day' WHERE image = '"
                    + flow.image() + "'");
        }
        images.failStuckBuilds();
        assertEquals(VersionStatus.FAILED, repository.version(flow.image(), 1).orElseThrow().status());

        flow.completeMasking(1);
        String staging = DbNames.staging(flow.image(), 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !engine.databaseExists(staging));
        assertEquals(VersionStatus.FAILED, repository.version(flow.image(), 1).orElseThrow().status(),
                "a late result does not revive a failed build");
        assertFalse(engine.databaseExists(DbNames.image(flow.image(), 1)), "nothing is published");
    }

    @Test
    void aTimedOutBuildIsAnnouncedAsFailedAndTheStagingDatabaseItLeftIsDropped() throws Exception {
        ImageFlow flow = new ImageFlow(bus, engine, "hung");
        flow.define(null, null);
        ImageBuildRequested requested = flow.awaitBuildRequested(1);
        String staging = DbNames.staging(flow.image(), 1);
        engine.createPrivateDatabase(staging);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE image_versions SET created_at = now() - interval '1 day' WHERE image = '"
                    + flow.image() + "'");
        }

        images.failStuckBuilds();

        ImageBuildFailed failed = bus.await(Topics.IMAGE_BUILD_FAILED, ImageBuildFailed.class,
                e -> e.imageName().equals(flow.image()));
        assertEquals(1, failed.version());
        assertEquals("timeout", failed.errorType());
        assertEquals(requested.correlationId(), failed.correlationId());
        assertEquals(VersionStatus.FAILED, repository.version(flow.image(), 1).orElseThrow().status());
        assertFalse(engine.databaseExists(staging), "the hung run's staging database is dropped");

        images.failStuckBuilds();
        assertEquals(1, bus.allAfter(Duration.ofSeconds(1), Topics.IMAGE_BUILD_FAILED, ImageBuildFailed.class,
                e -> e.imageName().equals(flow.image())).size(), "a failure is announced once");
    }

    @Test
    void aStagingDatabaseGoneBeforePublishingFailsTheBuildVisibly() {
        ImageFlow flow = new ImageFlow(bus, engine, "vanished");
        flow.define(null, null);
        flow.awaitBuildRequested(1);

        bus.publish(Topics.MASKING_COMPLETED, new MaskingCompleted(PetriEvent.newId(), Instant.now(), "c-vanished",
                flow.image(), 1, "postgres", ImageFlow.HOST, DbNames.staging(flow.image(), 1), 0, Instant.now(),
                "policy", null));

        ImageBuildFailed failed = bus.await(Topics.IMAGE_BUILD_FAILED, ImageBuildFailed.class,
                e -> e.imageName().equals(flow.image()));
        assertEquals("publish", failed.errorType());
        assertEquals("c-vanished", failed.correlationId());
        assertEquals(VersionStatus.FAILED, repository.version(flow.image(), 1).orElseThrow().status());
    }

    @Test
    void aMaskingResultOnAnUnknownHostFailsTheBuildVisiblyInsteadOfStayingBuilding() {
        ImageFlow flow = new ImageFlow(bus, engine, "nowhere");
        flow.define(null, null);
        flow.awaitBuildRequested(1);

        bus.publish(Topics.MASKING_COMPLETED, new MaskingCompleted(PetriEvent.newId(), Instant.now(), "c-nowhere",
                flow.image(), 1, "postgres", "nowhere", DbNames.staging(flow.image(), 1), 0, Instant.now(),
                "policy", null));

        ImageBuildFailed failed = bus.await(Topics.IMAGE_BUILD_FAILED, ImageBuildFailed.class,
                e -> e.imageName().equals(flow.image()));
        assertEquals("publish", failed.errorType());
        assertEquals(VersionStatus.FAILED, repository.version(flow.image(), 1).orElseThrow().status());
    }
}
