package dev.petri.masking.sql;

import dev.petri.masking.catalog.Catalog;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import dev.petri.masking.catalog.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Everything engine-specific about masking, behind one interface: catalog discovery, the SQL the
 * pipeline runs, and set-based bulk rewriting of tables: {@link PostgresMaskingDialect} and
 * {@link SqlServerMaskingDialect}, chosen by {@link MaskingDialects} from the staging connection.
 */
public interface MaskingDialect {

    /** Masks the chosen columns of a batch of rows in place (values are null for SQL NULL). */
    @FunctionalInterface
    interface RowMasker {
        void mask(String[] values);
    }

    /** Receives rows read for scanning (values are null for SQL NULL). */
    @FunctionalInterface
    interface RowReader {
        void row(String[] values);
    }

    /**
     * What a rewrite did.
     *
     * @param rows         rows rewritten
     * @param readMaskMs   time reading and masking the rows
     * @param reloadMs     time reloading the table
     */
    record RewriteStats(long rows, long readMaskMs, long reloadMs) {
    }

    /**
     * The statement that returns a session to its state at login, so one run can reuse its staging
     * connections; null when connections are not to be reused.
     */
    default String sessionReset() {
        return null;
    }

    /**
     * Empties the staged database's large objects (documents and images that no rule can mask inside),
     * keeping their ids so that references still hold, and proves none holds data any more.
     *
     * @return how many large objects there are; 0 for engines that have none
     */
    default long emptyLargeObjects(Connection staging) throws SQLException {
        return 0;
    }

    /** A quoted identifier. */
    String quote(String identifier);

    /** A quoted {@code schema.table}. */
    default String qualified(TableInfo table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    /** Tables and columns from the staged copy; constraints and views from the source, where they still live. */
    Catalog readCatalog(Connection staging, Connection source) throws SQLException;

    /** A query for the first non-null values of some columns, as text. */
    String sampleSql(TableInfo table, List<ColumnInfo> columns, int limit);

    /** A query that returns a row when the non-null values of some columns are not unique. */
    String duplicatesSql(TableInfo table, List<String> columns);

    /** A query that counts rows of a foreign key whose values have no referenced row. */
    String orphansSql(TableInfo table, ConstraintInfo foreignKey, TableInfo referenced);

    /** A query that counts rows violating a check expression. */
    String checkViolationsSql(TableInfo table, String expression);

    /** Streams every row of some columns as text, without materialising the table. */
    void readRows(Connection connection, TableInfo table, List<ColumnInfo> columns, RowReader reader) throws SQLException;

    /**
     * Streams every row of some columns as text, decoding and handing them to a thread-safe reader in
     * parallel batches on the dialect's worker threads.
     */
    void readRowsInParallel(Connection connection, TableInfo table, List<ColumnInfo> columns, RowReader reader)
            throws SQLException;

    /**
     * Rewrites a table set-based: every row is read in bulk, the masked columns are passed through the
     * masker in batches (in parallel, order kept), and the table is reloaded in bulk in one transaction.
     *
     * @return rows rewritten and where the time went
     */
    RewriteStats rewrite(Connection read, Connection write, TableInfo table, List<ColumnInfo> masked, RowMasker masker,
                 LongConsumer progress) throws SQLException;
}
