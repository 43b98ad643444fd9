package dev.petri.engine.sqlserver;

import com.microsoft.sqlserver.jdbc.ISQLServerConnection;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.EngineException;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.StagedCopy;
import dev.petri.engine.sqlserver.SqlServerCatalog.BulkCopyPlan;
import dev.petri.engine.sqlserver.SqlServerCatalog.Check;
import dev.petri.engine.sqlserver.SqlServerCatalog.ForeignKey;
import dev.petri.engine.sqlserver.SqlServerCatalog.Index;
import dev.petri.engine.sqlserver.SqlServerCatalog.Module;
import dev.petri.engine.sqlserver.SqlServerCatalog.Sequence;
import dev.petri.engine.sqlserver.SqlServerCatalog.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Copies a live SQL Server source into a staging database from the source's own catalog: schemas,
 * sequences and tables, then rows with {@code SQLServerBulkCopy} streamed straight from a source
 * result set, every table read in one SNAPSHOT transaction when the source allows it; after masking,
 * keys, indexes, foreign keys, check constraints, identity seeds and modules. The source is opened
 * with read-only intent and only ever read.
 */
final class SqlServerStagingCopier {

    private static final Logger LOG = Logger.getLogger(SqlServerStagingCopier.class);
    private static final int LOGIN_FAILED = 18456;
    private static final int CANNOT_OPEN_DATABASE = 4060;

    private final SqlServerEngine engine;
    private final SourceConnection source;
    private final String staging;

    SqlServerStagingCopier(SqlServerEngine engine, SourceConnection source, String staging) {
        this.engine = engine;
        this.source = source;
        this.staging = staging;
    }

    /** Opens the source with read-only intent; failures name the cause without the password. */
    static Connection openSource(SourceConnection source) {
        Properties props = new Properties();
        String url = source.jdbcUrl();
        if (source.username() != null) {
            url = SqlServerUrls.withoutCredentials(url);
            props.setProperty("user", source.username());
            props.setProperty("password", source.password() == null ? "" : source.password());
        }
        props.setProperty("applicationName", "petri-masking (read only)");
        props.setProperty("applicationIntent", "ReadOnly");
        props.setProperty("loginTimeout", "10");
        try {
            Connection c = DriverManager.getConnection(url, props);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw sourceError(source, e);
        }
    }

    /** Maps a failure to open the source to a stable kind and a message without secrets. */
    static EngineException sourceError(SourceConnection source, SQLException raw) {
        SQLException e = SqlServerEngine.redacted(raw);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = SqlServerUrls.redact(SqlServerUrls.withoutCredentials(source.jdbcUrl()));
        if (e.getErrorCode() == LOGIN_FAILED) {
            return new EngineException("source-authentication",
                    "the source rejected the credentials of user '" + source.username() + "'", e);
        }
        if (e.getErrorCode() == CANNOT_OPEN_DATABASE) {
            return new EngineException("source-missing", "the source database of " + where
                    + " does not exist or the user may not open it", e);
        }
        if (state.startsWith("08")) {
            return new EngineException("source-unreachable", "the source " + where + " cannot be reached", e);
        }
        return new EngineException("source", "cannot open the source " + where + ": "
                + SqlServerSql.redact(e.getMessage()), e);
    }

    /** Creates schemas, sequences and tables in staging and bulk-copies every row; no keys or indexes yet. */
    StagedCopy copySchemaAndRows(Connection src, CopyProgress progress) {
        try {
            boolean snapshot = snapshotIsolationOn(src);
            src.setAutoCommit(false);
            src.setTransactionIsolation(snapshot ? ISQLServerConnection.TRANSACTION_SNAPSHOT
                    : Connection.TRANSACTION_READ_COMMITTED);
            if (snapshot) {
                LOG.infof("staging %s: reading the source in one SNAPSHOT transaction", staging);
            } else {
                LOG.warnf("staging %s: SNAPSHOT isolation is off on the source, so tables are read one after another"
                        + " under READ COMMITTED and the copy is not one point in time"
                        + " (ALTER DATABASE ... SET ALLOW_SNAPSHOT_ISOLATION ON makes it consistent)", staging);
            }
            List<String> schemas = SqlServerCatalog.readSchemas(src);
            List<Sequence> sequences = SqlServerCatalog.readSequences(src);
            List<Table> tables = SqlServerCatalog.readTables(src);
            Instant sourceTime = sourceTime(src);
            long rows = 0;
            try (Connection dst = engine.connect(staging); Statement st = dst.createStatement()) {
                for (String schema : schemas) {
                    st.execute(SqlServerCatalog.createSchema(schema));
                }
                for (Sequence sequence : sequences) {
                    st.execute(sequence.createSql());
                }
                for (Table table : tables) {
                    st.execute(table.createSql());
                    if (!table.bulkCopyPlan().destinationColumns().isEmpty()) { // counts toward progress from the start
                        progress.tableProgress(table.schema() + "." + table.name(), 0, table.rows());
                    }
                }
                for (Table table : tables) {
                    rows += copyTable(src, dst, table, progress);
                }
            }
            src.commit();
            return new StagedCopy(staging, sourceTime, tables.size(), rows);
        } catch (SQLException e) {
            throw new EngineException("staging", "copying the source into staging failed: "
                    + SqlServerSql.redact(e.getMessage()), SqlServerEngine.redacted(e));
        }
    }

    /** Whether the source database allows SNAPSHOT transactions. */
    static boolean snapshotIsolationOn(Connection src) throws SQLException {
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery(SqlServerCatalog.SNAPSHOT_STATE_QUERY)) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    private static Instant sourceTime(Connection src) throws SQLException {
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("SELECT SYSUTCDATETIME()")) {
            rs.next();
            return rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
    }

    /** Applies the options every staging bulk copy uses: source identities and NULLs kept, one table lock, no timeout. */
    static SQLServerBulkCopyOptions bulkCopyOptions(boolean keepIdentity) throws SQLException {
        SQLServerBulkCopyOptions options = new SQLServerBulkCopyOptions();
        options.setKeepIdentity(keepIdentity);
        options.setKeepNulls(true);
        options.setTableLock(true);
        options.setCheckConstraints(false);
        options.setFireTriggers(false);
        options.setBatchSize(50_000);
        options.setBulkCopyTimeout(0);
        return options;
    }

    private long copyTable(Connection src, Connection dst, Table table, CopyProgress progress) throws SQLException {
        BulkCopyPlan plan = table.bulkCopyPlan();
        String label = table.schema() + "." + table.name();
        if (plan.destinationColumns().isEmpty()) {
            return 0;
        }
        progress.tableProgress(label, 0, table.rows());
        try (Statement st = src.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
             ResultSet rs = st.executeQuery(plan.sourceQuery());
             SQLServerBulkCopy bulk = new SQLServerBulkCopy(dst)) {
            bulk.setBulkCopyOptions(bulkCopyOptions(plan.keepsIdentity()));
            bulk.setDestinationTableName(plan.destinationTable());
            for (int i = 0; i < plan.destinationColumns().size(); i++) {
                bulk.addColumnMapping(i + 1, plan.destinationColumns().get(i));
            }
            bulk.writeToServer(rs);
        }
        long rows = rowCount(dst, plan.destinationTable());
        progress.tableProgress(label, rows, rows);
        return rows;
    }

    /** Rows in a table, from the storage metadata (exact right after a bulk load, and free). */
    static long rowCount(Connection c, String qualifiedTable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(rows), 0) FROM sys.partitions"
                + " WHERE object_id = OBJECT_ID(?) AND index_id IN (0, 1)")) {
            ps.setString(1, qualifiedTable);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Builds keys, indexes, foreign keys, checks, identity seeds and modules from the source's catalog. */
    void buildConstraintsIndexesAndModules() {
        try (Connection src = openSource(source); Connection dst = engine.connect(staging);
             Statement st = dst.createStatement()) {
            List<String> ddl = new ArrayList<>();
            for (Index index : SqlServerCatalog.readIndexes(src)) {
                ddl.add(index.createSql());
            }
            for (ForeignKey fk : SqlServerCatalog.readForeignKeys(src)) {
                ddl.addAll(fk.createSql());
            }
            for (Check check : SqlServerCatalog.readChecks(src)) {
                ddl.addAll(check.createSql());
            }
            ddl.addAll(SqlServerCatalog.readIdentityReseeds(src));
            List<Module> modules = SqlServerCatalog.readModules(src);
            for (String skipped : SqlServerCatalog.readSkippedIndexes(src)) {
                LOG.warnf("staging %s: index %s is not copied (only rowstore indexes are)", staging, skipped);
            }
            for (String sql : ddl) {
                st.execute(sql);
            }
            createModules(st, modules);
        } catch (SQLException e) {
            throw new EngineException("staging", "building constraints, indexes and views failed: "
                    + SqlServerSql.redact(e.getMessage()), SqlServerEngine.redacted(e));
        }
    }

    /** Creates modules, retrying those whose dependencies do not exist yet, until a round makes no progress. */
    private void createModules(Statement st, List<Module> modules) throws SQLException {
        List<Module> pending = new ArrayList<>();
        for (Module module : modules) {
            if (module.definition() != null) {
                pending.add(module);
            } else if ("V".equals(module.type())) {
                throw new EngineException("staging", "cannot read the definition of " + module.label()
                        + ": it is encrypted or the source login lacks VIEW DEFINITION");
            } else {
                LOG.warnf("staging %s: %s is not copied (its definition cannot be read)", staging, module.label());
            }
        }
        while (!pending.isEmpty()) {
            List<Module> failed = new ArrayList<>();
            Module lastModule = null;
            SQLException last = null;
            for (Module module : pending) {
                try {
                    st.execute(module.sessionSettings());
                    st.execute(module.definition());
                } catch (SQLException e) {
                    failed.add(module);
                    lastModule = module;
                    last = e;
                }
            }
            if (failed.size() == pending.size()) {
                throw new SQLException("cannot create " + lastModule.label() + ": " + last.getMessage(), last);
            }
            pending = failed;
        }
        st.execute("SET ANSI_NULLS ON; SET QUOTED_IDENTIFIER ON");
    }
}
