package dev.petri.image;

import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.postgres.PostgresEngine;
import dev.petri.events.EnvironmentDropped;
import dev.petri.events.EnvironmentExpired;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.ImageBuildOrdered;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.ImageDefinitionSubmitted;
import dev.petri.events.ImagePolicySubmitted;
import dev.petri.events.ImageReady;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.MaskingFailed;
import dev.petri.events.PetriEvent;
import dev.petri.events.SourceSpec;
import dev.petri.events.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Drives one image through the image service the way the other services would: events on the real broker. */
public final class ImageFlow {

    /** The host name the dev stack configures. */
    public static final String HOST = "local";

    private final EventBus bus;
    private final DatabaseEngine engine;
    private final String image;

    public ImageFlow(EventBus bus, DatabaseEngine engine, String prefix) {
        this.bus = bus;
        this.engine = engine;
        this.image = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The image's name, unique to this flow. */
    public String image() {
        return image;
    }

    /** Submits the image's definition with a policy and a refresh cron (either may be null). */
    public void define(Map<String, Object> policy, String cron) {
        bus.publish(Topics.IMAGE_DEFINITION_SUBMITTED, new ImageDefinitionSubmitted(PetriEvent.newId(), Instant.now(),
                UUID.randomUUID().toString(), image, "postgres",
                new SourceSpec("jdbc:postgresql://127.0.0.1:5432/production", "reader", null, null), cron, 2, policy,
                "test"));
    }

    /** Applies a policy file through the front door's event. */
    public void applyPolicy(Map<String, Object> policy) {
        bus.publish(Topics.IMAGE_POLICY_SUBMITTED, new ImagePolicySubmitted(PetriEvent.newId(), Instant.now(),
                UUID.randomUUID().toString(), image, policy, "test"));
    }

    /** Orders a build through the front door's event. */
    public void orderBuild() {
        bus.publish(Topics.IMAGE_BUILD_ORDERED, new ImageBuildOrdered(PetriEvent.newId(), Instant.now(),
                UUID.randomUUID().toString(), image, "admin"));
    }

    /** Waits for the build request of a version. */
    public ImageBuildRequested awaitBuildRequested(int version) {
        return bus.await(Topics.IMAGE_BUILD_REQUESTED, ImageBuildRequested.class,
                e -> e.imageName().equals(image) && e.version() == version);
    }

    /** Creates a real staging database with rows, as a masking run leaves it, and reports it masked. */
    public void completeMasking(int version) throws SQLException {
        String staging = DbNames.staging(image, version);
        engine.createPrivateDatabase(staging);
        try (Connection c = engine.connect(staging); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE patients (id int PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO patients SELECT g, 'masked-' || g FROM generate_series(1, 500) g");
            // as the staging copier leaves it: objects owned by the role a claimed login takes over
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + PostgresEngine.OBJECT_OWNER
                    + "') THEN CREATE ROLE " + PostgresEngine.OBJECT_OWNER + " NOLOGIN; END IF; END $$");
            st.execute("ALTER SCHEMA public OWNER TO " + PostgresEngine.OBJECT_OWNER);
            st.execute("ALTER TABLE patients OWNER TO " + PostgresEngine.OBJECT_OWNER);
        }
        bus.publish(Topics.MASKING_COMPLETED, new MaskingCompleted(PetriEvent.newId(), Instant.now(),
                UUID.randomUUID().toString(), image, version, "postgres", HOST, staging, engine.sizeBytes(staging),
                Instant.parse("2026-11-01T02:00:00Z"), "policy-" + version,
                Map.of("columns", 2, "leakScan", Map.of("passed", true, "findings", 0))));
    }

    /** Reports the masking run of a version failed. */
    public void failMasking(int version) {
        bus.publish(Topics.MASKING_FAILED, new MaskingFailed(PetriEvent.newId(), Instant.now(),
                UUID.randomUUID().toString(), image, version, "leak-scan", "the leak scan found 3 values",
                Map.of("leakScan", Map.of("passed", false, "findings", 3))));
    }

    /** Waits for a version to be announced ready. */
    public ImageReady awaitReady(int version) {
        return bus.await(Topics.IMAGE_READY, ImageReady.class,
                e -> e.imageName().equals(image) && e.version() == version);
    }

    /** Announces that an environment made from a version was handed out. */
    public void environmentReady(String environmentId, int version) {
        bus.publish(Topics.ENVIRONMENT_READY, new EnvironmentReady(PetriEvent.newId(), Instant.now(), environmentId,
                environmentId, image, version, "postgres", HOST, 5432, DbNames.member(environmentId),
                DbNames.login(environmentId), null, Instant.now().plusSeconds(3600), false));
    }

    /** Announces that an environment is gone. */
    public void environmentDropped(String environmentId) {
        bus.publish(Topics.ENVIRONMENT_DROPPED, new EnvironmentDropped(PetriEvent.newId(), Instant.now(),
                environmentId, environmentId, image, "released"));
    }

    /** Announces that an environment outlived its time-to-live, as the pool service does on expiry. */
    public void environmentExpired(String environmentId) {
        bus.publish(Topics.ENVIRONMENT_EXPIRED, new EnvironmentExpired(PetriEvent.newId(), Instant.now(),
                environmentId, environmentId, image, Instant.now()));
    }

    /** Builds version 1 and waits until it is ready. */
    public ImageReady firstVersionReady() throws SQLException {
        define(null, null);
        awaitBuildRequested(1);
        completeMasking(1);
        return awaitReady(1);
    }
}
