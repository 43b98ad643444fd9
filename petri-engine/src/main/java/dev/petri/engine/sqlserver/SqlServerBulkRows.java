package dev.petri.engine.sqlserver;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows produced in Java (value mappings, generated data) streamed to {@code SQLServerBulkCopy}
 * without materialising them: columns are declared once, rows come from an iterator.
 */
public final class SqlServerBulkRows implements ISQLServerBulkData {

    private static final long serialVersionUID = 1L;

    /**
     * One column of the rows.
     *
     * @param name      column name (matches the destination column by mapping)
     * @param jdbcType  a {@link java.sql.Types} constant
     * @param precision length for strings, precision for numbers
     * @param scale     scale for numbers and times, else 0
     */
    public record ColumnSpec(String name, int jdbcType, int precision, int scale) implements Serializable {
    }

    private final List<ColumnSpec> columns;
    private final transient Iterator<Object[]> rows;
    private Object[] current;
    private long count;

    /** Rows with the given columns; every row array has one value per column, in order. */
    public SqlServerBulkRows(List<ColumnSpec> columns, Iterator<Object[]> rows) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("bulk rows need at least one column");
        }
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /** The declared columns. */
    public List<ColumnSpec> columns() {
        return columns;
    }

    /** Rows handed out so far. */
    public long rowCount() {
        return count;
    }

    @Override
    public Set<Integer> getColumnOrdinals() {
        Set<Integer> ordinals = new LinkedHashSet<>();
        for (int i = 1; i <= columns.size(); i++) {
            ordinals.add(i);
        }
        return ordinals;
    }

    @Override
    public String getColumnName(int column) {
        return columns.get(column - 1).name();
    }

    @Override
    public int getColumnType(int column) {
        return columns.get(column - 1).jdbcType();
    }

    @Override
    public int getPrecision(int column) {
        return columns.get(column - 1).precision();
    }

    @Override
    public int getScale(int column) {
        return columns.get(column - 1).scale();
    }

    @Override
    public Object[] getRowData() {
        return current;
    }

    @Override
    public boolean next() throws SQLException {
        if (!rows.hasNext()) {
            current = null;
            return false;
        }
        current = rows.next();
        if (current == null || current.length != columns.size()) {
            throw new SQLException("a bulk row has " + (current == null ? 0 : current.length) + " values for "
                    + columns.size() + " columns");
        }
        count++;
        return true;
    }
}
