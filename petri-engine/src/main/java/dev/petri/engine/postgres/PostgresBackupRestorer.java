package dev.petri.engine.postgres;

import dev.petri.engine.EngineException;
import dev.petri.engine.StagedCopy;
import java.io.File;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Restores a PostgreSQL backup file into a private database with the client tools: a custom-format
 * or tar dump through {@code pg_restore} (turned into a script, without owners, privileges, publications or
 * subscriptions), anything else as a plain SQL script; either runs in {@code psql} as Petri's object owner, through
 * {@link DumpScriptFilter} (production's owners and grants dropped, extensions created as the administrator); an empty or
 * gzip-compressed file, or one that restores no table, is refused with a clear error and leaves nothing. The password goes through the environment, never the command line.
 */
final class PostgresBackupRestorer {

    private static final long TIMEOUT_HOURS = 6;

    private final PostgresEngine engine;

    PostgresBackupRestorer(PostgresEngine engine) {
        this.engine = engine;
    }

    StagedCopy restore(Path file, String database) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new EngineException("source-missing", "the backup file " + file + " cannot be read");
        }
        Format format = format(file);
        if (format == Format.EMPTY) {
            throw new EngineException("backup-restore", "the backup file " + file.getFileName() + " is empty");
        }
        if (format == Format.GZIP) {
            throw new EngineException("backup-restore", "the backup file " + file.getFileName() + " is gzip-compressed:"
                    + " decompress it (gunzip), or give a custom-format dump (pg_dump -Fc), which is compressed already");
        }
        boolean archive = format == Format.ARCHIVE;
        for (String tool : archive ? List.of("pg_restore", "psql") : List.of("psql")) {
            if (!onPath(tool)) {
                throw new EngineException("unsupported", tool + " is not installed on the masking host; "
                        + "install the PostgreSQL client tools to mask backup files");
            }
        }
        String tool = archive ? "pg_restore" : "psql";
        engine.createPrivateDatabase(database);
        URI server = URI.create(engine.host().adminUrl().substring("jdbc:".length()));
        String conninfo = "host=" + server.getHost() + " port=" + (server.getPort() < 0 ? 5432 : server.getPort())
                + " dbname=" + database + " user=" + engine.host().username();
        Path archiveErrors = null;
        Process reader = null;
        Process psql = null;
        try {
            engine.ensureObjectOwner();
            engine.execute(database, "GRANT CREATE ON DATABASE " + database + " TO " + PostgresEngine.OBJECT_OWNER,
                    "ALTER SCHEMA public OWNER TO " + PostgresEngine.OBJECT_OWNER);
            // psql runs the script as the object owner; the filter drops the production's owners and grants and runs
            // the extensions as the administrator. An archive becomes that script through pg_restore, without a
            // database connection of its own.
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-f", "-")
                    .redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", engine.host().password() == null ? "" : engine.host().password());
            pb.environment().put("PGOPTIONS", "-c role=" + PostgresEngine.OBJECT_OWNER);
            psql = pb.start();
            InputStream script;
            if (archive) {
                archiveErrors = Files.createTempFile("petri-pg-restore", ".log");
                reader = new ProcessBuilder("pg_restore", "--no-owner", "--no-privileges", "--no-publications",
                        "--no-subscriptions", "--file", "-", file.toString())
                        .redirectError(archiveErrors.toFile()).start();
                reader.getOutputStream().close();
                script = reader.getInputStream();
            } else {
                script = Files.newInputStream(file);
            }
            AtomicReference<IOException> readFailure = new AtomicReference<>();
            Thread pump = pump(script, psql, reader, readFailure);
            String output;
            try (InputStream in = psql.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean done = psql.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS);
            pump.join(TimeUnit.MINUTES.toMillis(1));
            if (reader != null && (!reader.waitFor(1, TimeUnit.MINUTES) || reader.exitValue() != 0)) {
                reader.destroyForcibly();
                if (done && psql.exitValue() == 0) {
                    throw new EngineException("backup-restore", "pg_restore could not read " + file.getFileName() + ": "
                            + PostgresEngine.redact(lastLines(Files.readString(archiveErrors), 3)));
                }
            }
            if (done && psql.exitValue() == 0 && readFailure.get() != null) {
                throw new EngineException("backup-restore", "reading " + file.getFileName() + " failed: "
                        + readFailure.get().getMessage());
            }
            if (!done || psql.exitValue() != 0) {
                String why = output.isBlank() && archiveErrors != null ? Files.readString(archiveErrors) : output;
                throw new EngineException("backup-restore", tool + " could not restore " + file.getFileName() + ": "
                        + PostgresEngine.redact(lastLines(why, 3)));
            }
            int tables = count(database, "tables");
            if (tables == 0) {
                throw new EngineException("backup-restore", tool + " restored " + file.getFileName() + " without error"
                        + " but it holds no tables: is it a PostgreSQL dump (pg_dump -Fc, -Ft or a plain SQL script)?");
            }
            return new StagedCopy(database, Files.getLastModifiedTime(file).toInstant(), tables, count(database, "rows"));
        } catch (IOException e) {
            engine.dropDatabase(database);
            throw new EngineException("backup-restore", "restoring " + file.getFileName() + " failed: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.dropDatabase(database);
            throw new EngineException("backup-restore", "restoring " + file.getFileName() + " was interrupted", e);
        } catch (EngineException e) {
            engine.dropDatabase(database);
            throw e;
        } finally {
            for (Process p : new Process[] {reader, psql}) {
                if (p != null && p.isAlive()) {
                    p.destroyForcibly();
                }
            }
            if (archiveErrors != null) {
                try {
                    Files.deleteIfExists(archiveErrors);
                } catch (IOException ignored) {
                    // a temporary log of pg_restore's messages, in the temporary directory
                }
            }
        }
    }

    /**
     * Copies the script through {@link DumpScriptFilter} into psql's input on a thread of its own (psql's output is read
     * meanwhile), closing both ends; if psql stops early (an error), the rest is not read and pg_restore is stopped.
     */
    private static Thread pump(InputStream script, Process psql, Process reader, AtomicReference<IOException> failure) {
        Thread t = new Thread(() -> {
            try (InputStream in = script; OutputStream out = new BufferedOutputStream(psql.getOutputStream(), 1 << 16)) {
                new DumpScriptFilter(PostgresEngine.OBJECT_OWNER).copy(in, out);
            } catch (IOException e) {
                // psql ended before the script did (its exit status and output say why), or the file could not be read
                failure.set(e);
                if (reader != null) {
                    reader.destroyForcibly();
                }
            }
        }, "petri-restore-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private long countRows(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(sum(n_live_tup), 0) FROM pg_stat_user_tables")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int count(String database, String what) {
        try (Connection c = engine.connect(database); Statement st = c.createStatement()) {
            if ("rows".equals(what)) {
                st.execute("ANALYZE");
                return (int) Math.min(Integer.MAX_VALUE, countRows(c));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN"
                    + " ('pg_catalog','information_schema')")) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new EngineException("backup-restore", "cannot inspect the restored backup: " + e.getMessage(), e);
        }
    }

    /** What a backup file holds, by its first bytes. */
    enum Format {
        /** Nothing at all. */
        EMPTY,
        /** A {@code pg_dump} archive for {@code pg_restore}: custom format ({@code PGDMP}) or tar ({@code ustar}). */
        ARCHIVE,
        /** gzip-compressed (a {@code .sql.gz}): neither tool reads it. */
        GZIP,
        /** Anything else: a plain SQL script for {@code psql}. */
        SCRIPT
    }

    static Format format(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            if (head.length == 0) {
                return Format.EMPTY;
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return Format.GZIP;
            }
            boolean custom = head.length >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("PGDMP");
            boolean tar = head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
            return custom || tar ? Format.ARCHIVE : Format.SCRIPT;
        } catch (IOException e) {
            return Format.SCRIPT;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }
}
