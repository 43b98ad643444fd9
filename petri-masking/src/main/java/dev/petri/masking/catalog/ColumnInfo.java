package dev.petri.masking.catalog;

import dev.petri.masking.rule.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One column as the catalog describes it.
 *
 * @param schema    schema
 * @param table     table
 * @param name      column name, exactly as stored (mixed case kept)
 * @param type      type as the engine writes it, e.g. {@code character varying(120)}
 * @param maxLength declared length of varchar(n)/char(n), 0 when unbounded
 * @param notNull   NOT NULL
 * @param generated a generated (computed) column, never written
 * @param structured its values are structures holding several values in one text form: a composite
 *                  (row) type, {@code hstore} or {@code tsvector} (the words of a document, which a trigger
 *                  or the application keeps, so masking the document does not change them), or an array of them
 */
public record ColumnInfo(String schema, String table, String name, String type, int maxLength, boolean notNull,
                         boolean generated, boolean structured) {

    /** A column whose values are single values of their type (not a composite). */
    public ColumnInfo(String schema, String table, String name, String type, int maxLength, boolean notNull,
                      boolean generated) {
        this(schema, table, name, type, maxLength, notNull, generated, false);
    }

    /**
     * The broad kind of the type; of an array, of its elements. A structured value (a composite,
     * {@code hstore} or {@code tsvector}) is text: it is classified, masked ({@code free_text}: the values found in it are
     * replaced in place, its structure kept) and scanned in its text form.
     */
    public ValueKind kind() {
        if (structured) {
            return ValueKind.TEXT;
        }
        return ValueKind.of(baseType());
    }

    /** Binary data: PostgreSQL's {@code bytea}, SQL Server's {@code varbinary(n|max)}, {@code binary(n)} and {@code image}. */
    public boolean binary() {
        String base = baseType().toLowerCase(Locale.ROOT);
        return base.equals("bytea") || base.startsWith("varbinary") || base.startsWith("binary") || base.equals("image");
    }

    /** The type, or an array's element type: {@code varchar(30)} of {@code varchar(30)[]}. */
    public String baseType() {
        return isArray() ? type.substring(0, type.indexOf('[')) : type;
    }

    /** An array ({@code text[]}, {@code character varying(30)[]}): classified, masked and scanned element by element. */
    public boolean isArray() {
        return type.endsWith("[]");
    }

    /**
     * Calls back with the values a stored value holds: an array's non-NULL elements (the whole text
     * when it cannot be read as an array), any other value itself.
     */
    public void forEachValue(String value, Consumer<String> consumer) {
        if (value == null) {
            return;
        }
        if (!isArray()) {
            consumer.accept(value);
            return;
        }
        List<String> elements = new ArrayList<>();
        try {
            ArrayLiteral.forEach(value, elements::add);
        } catch (IllegalArgumentException e) {
            consumer.accept(value);
            return;
        }
        elements.forEach(consumer);
    }

    /** {@code schema.table.column}, for messages. */
    public String path() {
        return schema + "." + table + "." + name;
    }
}
