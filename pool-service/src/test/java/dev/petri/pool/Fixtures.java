package dev.petri.pool;

import dev.petri.common.EngineRegistry;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.postgres.PostgresEngine;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.ImageReady;
import dev.petri.events.PetriEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/** Real images on a real server, and the events that announce them and ask for environments. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fresh image name, so that tests never see each other's pools. */
    public static String newImageName() {
        return "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }

    /**
     * Creates a sealed image database the way the image service leaves one: objects owned by Petri's
     * object owner role, a table of rows, read only, refusing connections.
     */
    public static String createImage(DatabaseEngine engine, String image, int version, int rows) {
        String db = DbNames.image(image, version);
        engine.createPrivateDatabase(db);
        try (Connection c = engine.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                    + PostgresEngine.OBJECT_OWNER + "') THEN CREATE ROLE " + PostgresEngine.OBJECT_OWNER
                    + " NOLOGIN; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = engine.connect(db); Statement st = c.createStatement()) {
            st.execute("GRANT CREATE ON DATABASE " + db + " TO " + PostgresEngine.OBJECT_OWNER);
            st.execute("ALTER SCHEMA public OWNER TO " + PostgresEngine.OBJECT_OWNER);
            st.execute("SET ROLE " + PostgresEngine.OBJECT_OWNER);
            st.execute("CREATE TABLE patients (id int PRIMARY KEY, name text NOT NULL, version int NOT NULL)");
            st.execute("INSERT INTO patients SELECT g, 'patient ' || g, " + version + " FROM generate_series(1, "
                    + rows + ") g");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        engine.sealAsImage(db);
        return db;
    }

    public static ImageReady imageReady(String image, int version, String host, String database, int poolSize) {
        return new ImageReady(PetriEvent.newId(), Instant.now(), "build-" + image + "-" + version, image, version,
                "postgres", host, database, 0, poolSize);
    }

    public static EnvironmentRequested request(String image, Duration ttl) {
        String id = UUID.randomUUID().toString();
        return new EnvironmentRequested(PetriEvent.newId(), Instant.now(), id, id, image, ttl, "test", "tester");
    }

    /** A single number from the pool service's own tables. */
    public static int count(DataSource dataSource, String sql, Object... args) {
        return Integer.parseInt(strings(dataSource, sql, args).get(0));
    }

    /** The first column of every row, as text, from the pool service's own tables. */
    public static List<String> strings(DataSource dataSource, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database host an environment was handed out on (matched by its public port). */
    public static DatabaseEngine hostOf(EngineRegistry engines, EnvironmentReady ready) {
        return engines.all().values().stream().filter(e -> e.host().publicPort() == ready.port()).findFirst()
                .orElseThrow();
    }

    /** READY members of an image version. */
    public static int ready(DataSource dataSource, String image, int version) {
        return count(dataSource, "SELECT count(*) FROM members WHERE image = ? AND version = ? AND status = 'READY'",
                image, version);
    }
}
