package dev.petri.engine.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Rewrites a PostgreSQL dump script on its way to {@code psql} so that it restores into a staging database owned by
 * Petri's object owner, whoever owned the objects in production:
 * <ul>
 *   <li>{@code ALTER … OWNER TO …}, {@code GRANT}, {@code REVOKE} and {@code ALTER DEFAULT PRIVILEGES} are dropped
 *       (what {@code pg_restore --no-owner --no-privileges} does for an archive): they name the production's roles,
 *       which the staging host does not have, and the restore would stop at the first;</li>
 *   <li>{@code CREATE EXTENSION} and {@code COMMENT ON EXTENSION} run as the administrator ({@code SET ROLE NONE} before,
 *       {@code SET ROLE} back after), as the live copy does: most extensions can only be created by a superuser.</li>
 * </ul>
 * Only whole statements on one line are touched, as {@code pg_dump} writes them; a statement is recognised at its
 * start, outside quotes, dollar quotes, comments and {@code COPY} data, so a function body or a data row that reads
 * like one passes unchanged. Everything else is copied byte for byte, and every dropped statement leaves its line
 * empty, so {@code psql}'s line numbers still point into the file.
 */
final class DumpScriptFilter {

    private static final Pattern DROPPED = Pattern.compile(
            "(?is)(ALTER\\s+[A-Z][A-Z ]*\\s.*\\sOWNER\\s+TO\\s+(\"[^\"]*\"|[^\\s;\"]+)\\s*;|(GRANT|REVOKE|ALTER\\s+DEFAULT\\s+PRIVILEGES)\\s.*)");
    private static final Pattern AS_ADMIN = Pattern.compile("(?i)(CREATE|COMMENT\\s+ON)\\s+EXTENSION\\s.*");
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)COPY\\s.*\\sFROM\\s+stdin\\s*;\\s*");

    private final String role;
    private final Lexer lexer = new Lexer();
    private boolean inCopyData;

    /** A filter whose statements run as {@code role} (the connection's role) except those it runs as the administrator. */
    DumpScriptFilter(String role) {
        this.role = role;
    }

    /** Copies {@code in} to {@code out}, rewritten. Does not close either. */
    void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int n;
        while ((n = in.read(buf)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line.write(buf, start, i + 1 - start);
                    line(line.toByteArray(), out);
                    line.reset();
                    start = i + 1;
                }
            }
            line.write(buf, start, n - start);
        }
        if (line.size() > 0) {
            line(line.toByteArray(), out);
        }
    }

    private void line(byte[] bytes, OutputStream out) throws IOException {
        if (inCopyData) {
            out.write(bytes);
            if (isEndOfCopy(bytes)) {
                inCopyData = false;
            }
            return;
        }
        boolean startsStatement = lexer.atStatementStart();
        if (startsStatement && isMetaCommand(bytes)) { // psql's own (\restrict, \connect …): a line, no SQL
            out.write(bytes);
            return;
        }
        String text = null;
        if (startsStatement) {
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        lexer.scan(bytes);
        if (startsStatement && lexer.atStatementStart()) { // one whole statement (or more) on this line
            String trimmed = text.strip();
            if (DROPPED.matcher(trimmed).matches() && trimmed.endsWith(";") && trimmed.indexOf(';') == trimmed.length() - 1) {
                out.write('\n');
                return;
            }
            if (AS_ADMIN.matcher(trimmed).matches() && trimmed.endsWith(";")) {
                out.write(("SET ROLE NONE; " + trimmed + " SET ROLE " + role + ";\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (COPY_FROM_STDIN.matcher(trimmed).matches()) {
                inCopyData = true;
            }
        }
        out.write(bytes);
    }

    private static boolean isMetaCommand(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t') {
                return b == '\\';
            }
        }
        return false;
    }

    private static boolean isEndOfCopy(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return end == 2 && bytes[0] == '\\' && bytes[1] == '.';
    }

    /**
     * Enough of SQL's lexical structure to tell where statements start: single-quoted strings, quoted identifiers,
     * dollar quotes, line and block comments, and the semicolons between them.
     */
    static final class Lexer {
        private boolean pending; // a statement has begun and not ended yet
        private char quote; // ' or " while inside one, else 0
        private boolean escapes; // inside an E'…' string, where a backslash escapes the next character
        private String dollarTag; // the tag while inside a dollar quote, else null
        private int blockComments; // nesting depth

        boolean atStatementStart() {
            return !pending && quote == 0 && dollarTag == null && blockComments == 0;
        }

        void scan(byte[] b) {
            int n = b.length;
            for (int i = 0; i < n; i++) {
                char c = (char) (b[i] & 0xff);
                if (blockComments > 0) {
                    if (c == '*' && i + 1 < n && b[i + 1] == '/') {
                        blockComments--;
                        i++;
                    } else if (c == '/' && i + 1 < n && b[i + 1] == '*') {
                        blockComments++;
                        i++;
                    }
                } else if (quote != 0) {
                    if (escapes && c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0; // a doubled quote closes and reopens: same result
                    }
                } else if (dollarTag != null) {
                    if (c == '$' && startsWith(b, i, dollarTag)) {
                        i += dollarTag.length() - 1;
                        dollarTag = null;
                    }
                } else if (c == '-' && i + 1 < n && b[i + 1] == '-') {
                    return; // a comment to the end of the line
                } else if (c == '/' && i + 1 < n && b[i + 1] == '*') {
                    blockComments++;
                    i++;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    escapes = c == '\'' && i > 0 && (b[i - 1] == 'E' || b[i - 1] == 'e')
                            && (i == 1 || !isIdentifierPart(b[i - 2]));
                    pending = true;
                } else if (c == '$') {
                    String tag = dollarTag(b, i);
                    if (tag != null) {
                        dollarTag = tag;
                        i += tag.length() - 1;
                    }
                    pending = true;
                } else if (c == ';') {
                    pending = false;
                } else if (!Character.isWhitespace(c)) {
                    pending = true;
                }
            }
        }

        /** {@code $tag$} starting at {@code i}, or null where the {@code $} is part of something else ({@code $1}). */
        private static String dollarTag(byte[] b, int i) {
            if (i > 0 && isIdentifierPart(b[i - 1])) {
                return null; // inside an identifier such as a$b
            }
            for (int j = i + 1; j < b.length; j++) {
                char c = (char) (b[j] & 0xff);
                if (c == '$') {
                    return new String(b, i, j - i + 1, StandardCharsets.ISO_8859_1);
                }
                boolean ok = c == '_' || Character.isLetter(c) || c >= 0x80 || (j > i + 1 && Character.isDigit(c));
                if (!ok) {
                    return null;
                }
            }
            return null;
        }

        private static boolean isIdentifierPart(byte b) {
            char c = (char) (b & 0xff);
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
        }

        private static boolean startsWith(byte[] b, int i, String tag) {
            if (i + tag.length() > b.length) {
                return false;
            }
            for (int k = 0; k < tag.length(); k++) {
                if ((b[i + k] & 0xff) != tag.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }
}
