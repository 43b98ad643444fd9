package dev.petri.bench;

import dev.petri.devstack.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills a database with generated rows (set-based {@code INSERT ... SELECT generate_series}) until it has
 * about a given size on disk, including PostgreSQL's own catalogs.
 */
public final class ImageData {

    private static final long BATCH_ROWS = 500_000;

    private ImageData() {
    }

    /**
     * A filled database.
     *
     * @param bytes its size on disk ({@code pg_database_size})
     * @param rows  rows in its table {@code items}, ids 1 to rows
     */
    public record Filled(long bytes, long rows) {
    }

    /** Creates a database and fills it to about {@code targetBytes}. */
    public static Filled create(EmbeddedPostgresServer server, String database, long targetBytes) throws SQLException {
        server.createDatabase(database);
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = off");
            st.execute("CREATE TABLE items (id bigint NOT NULL, created timestamptz NOT NULL, payload text NOT NULL)");
            long empty = size(st, database);
            insert(st, 1, 1_000);
            long perRow = Math.max(1, (size(st, database) - empty) / 1_000);
            long rows = Math.max(1_000, (targetBytes - empty) * 97 / 100 / perRow);
            for (long from = 1_001; from <= rows; from += BATCH_ROWS) {
                insert(st, from, Math.min(rows, from + BATCH_ROWS - 1));
            }
            st.execute("ALTER TABLE items ADD PRIMARY KEY (id)");
            st.execute("VACUUM (FREEZE, ANALYZE) items");
            st.execute("CHECKPOINT");
            return new Filled(size(st, database), rows);
        }
    }

    private static void insert(Statement st, long from, long to) throws SQLException {
        st.execute("INSERT INTO items SELECT g, timestamptz '2026-01-01' + g * interval '1 second',"
                + " repeat(md5(g::text), 28) FROM generate_series(" + from + ", " + to + ") g");
    }

    private static long size(Statement st, String database) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT pg_database_size('" + database + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
