package dev.petri.cli.output;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns, for {@code petri ls} and {@code petri images}. */
public final class Table {

    private static final String GAP = "  ";

    private Table() {
    }

    /** Renders a header row and data rows; null cells print as {@code -}. */
    public static String render(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        for (List<String> row : rows) {
            all.add(row.stream().map(cell -> cell == null || cell.isEmpty() ? "-" : cell).toList());
        }
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row.get(i));
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length())).append(GAP);
                }
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
