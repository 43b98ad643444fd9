package dev.petri.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One database server seen through one interface, whatever its engine. Everything Petri does to
 * databases goes through here; nothing outside an adapter assumes an engine.
 */
public interface DatabaseEngine extends AutoCloseable {

    /** Engine kind: {@code postgres} or {@code sqlserver}. */
    String kind();

    /** The host this adapter administers. */
    EngineHost host();

    /** An administrative connection to one database of the host. */
    Connection connect(String database) throws SQLException;

    /** Whether a database exists. */
    boolean databaseExists(String database);

    /** Names of the databases whose name starts with a prefix. */
    List<String> listDatabases(String prefix);

    /** Creates an empty database that no one but Petri can connect to. */
    void createPrivateDatabase(String database);

    /** Ends every session on a database and drops it; does nothing if it does not exist. */
    void dropDatabase(String database);

    /** Detects the fastest clone mechanism this host supports (it tries, never assumes). */
    CloneMethod detectCloneMethod();

    /** Clones an image database into a new private database with the fastest mechanism. */
    CloneResult cloneDatabase(String image, String target);

    /** Makes a database an immutable image: read only, refusing every connection. */
    void sealAsImage(String database);

    /**
     * Turns a masked staging database into an image database: after this the staging database is
     * gone and the image is sealed. Engines that can rename in place override this.
     */
    default void publishImage(String stagingDatabase, String imageDatabase) {
        sealAsImage(stagingDatabase);
        cloneDatabase(stagingDatabase, imageDatabase);
        sealAsImage(imageDatabase);
        dropDatabase(stagingDatabase);
    }

    /**
     * Copies a live source into a new staging database: schema and rows, read from one consistent
     * snapshot, never writing to the source. Constraints, indexes and views are built later by
     * {@link #finishStaging}.
     */
    StagedCopy stageFrom(SourceConnection source, String stagingDatabase, CopyProgress progress);

    /** Builds the constraints, indexes and views of a staged copy after masking. */
    void finishStaging(SourceConnection source, String stagingDatabase);

    /**
     * Restores a backup file (a path the database server itself can read) into a new staging
     * database, complete with constraints, indexes and views, so {@link #finishStaging} is not needed.
     * Engines without server-side backups refuse.
     */
    default StagedCopy stageFromBackup(String backupFile, String stagingDatabase) {
        throw new EngineException("unsupported", kind() + " cannot stage from a backup file");
    }

    /** The administrative login on one database of this host, as a source to read from. */
    SourceConnection adminSource(String database);

    /**
     * Creates a login that owns one database and can do anything inside it (DDL included) and
     * nothing outside it.
     */
    void createOwnerLogin(String database, String login, String password);

    /**
     * Like {@link #createOwnerLogin} for a password Petri generated at random (at least 24 characters
     * from an alphabet of 57, ~140 bits): no hash iteration count makes such a password any harder to
     * guess, so an engine may store it with a cheap verifier (PostgreSQL: SCRAM-SHA-256 with few
     * iterations), which lowers the server's and the client's cost of every connection. Never for a
     * password a person chose.
     */
    default void createOwnerLoginWithRandomPassword(String database, String login, String randomPassword) {
        createOwnerLogin(database, login, randomPassword);
    }

    /** Revokes a login: ends its sessions and drops it; does nothing if it does not exist. */
    void dropLogin(String login);

    /**
     * Stops a login from being used, at once: no new session can start with it (its password no
     * longer works) and its sessions are ended, but the login and the database it owns stay until
     * {@link #dropLogin} and {@link #dropDatabase}, so the (slower) drop can wait. Does nothing if the
     * login does not exist.
     */
    void disableLogin(String login);

    /** Whether a login exists. */
    boolean loginExists(String login);

    /** Size of a database on disk, in bytes. */
    long sizeBytes(String database);

    /** The JDBC URL a developer uses for a database on this host. */
    String publicJdbcUrl(String database);

    /**
     * The JDBC URL Petri's own services reach a database on this host with: the administrative URL's
     * server (inside docker-compose or Kubernetes, not the public address developers get), without the
     * administrative credentials, so that whoever connects with it does so as the login they pass.
     */
    String internalJdbcUrl(String database);

    /**
     * Writes a marker on a database (PostgreSQL: its comment; SQL Server: its extended property
     * {@code petri}) telling that Petri made it and for
     * what, e.g. {@code petri:member:<id>}; recovery drops an unknown database only when its marker
     * proves it is Petri's. A marker the database already carries (one its image was sealed with) is
     * replaced. Engines that cannot mark do nothing, so their unknown databases are only ever reported.
     */
    default void markDatabase(String database, String marker) {
    }

    /** The marker written by {@link #markDatabase}, if the database has one. */
    default Optional<String> databaseMarker(String database) {
        return Optional.empty();
    }

    /**
     * A read-only connection, with the host's administrative login, to one of its databases, for
     * another host's {@link #stageFrom} to copy it across servers. Engines that cannot refuse.
     */
    default SourceConnection sourceFor(String database) {
        throw new EngineException("unsupported", kind() + " cannot serve a database as a copy source");
    }

    /** Releases what the adapter holds (pooled connections); the adapter is not used afterwards. */
    @Override
    default void close() {
    }
}
