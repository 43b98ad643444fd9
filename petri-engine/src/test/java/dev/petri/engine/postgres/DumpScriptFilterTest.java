package dev.petri.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DumpScriptFilterTest {

    private static String filter(String script) throws IOException {
        return new String(filterBytes(script.getBytes(StandardCharsets.UTF_8), 1 << 16), StandardCharsets.UTF_8);
    }

    private static byte[] filterBytes(byte[] script, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a source that hands out at most `chunk` bytes per read, so lines are split across reads
        InputStream in = new ByteArrayInputStream(script) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        new DumpScriptFilter("petri_object_owner").copy(in, out);
        return out.toByteArray();
    }

    @Test
    void dropsProductionOwnersAndGrantsAndCreatesExtensionsAsTheAdministrator() throws IOException {
        String dump = """
                \\restrict AbC123
                SET client_encoding = 'UTF8';
                CREATE SCHEMA extensions;
                ALTER SCHEMA extensions OWNER TO prod_admin;
                CREATE EXTENSION IF NOT EXISTS dblink WITH SCHEMA extensions;
                COMMENT ON EXTENSION dblink IS 'connect to other PostgreSQL databases from within a database';
                CREATE TABLE public.people (
                    id integer NOT NULL,
                    email text
                );
                ALTER TABLE public.people OWNER TO app_owner;
                COPY public.people (id, email) FROM stdin;
                1\tGRANT ALL ON people TO mallory;
                2\tann@example.org
                \\.
                GRANT SELECT ON TABLE public.people TO reporting;
                REVOKE ALL ON SCHEMA public FROM PUBLIC;
                ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
                \\unrestrict AbC123
                """;
        String expected = """
                \\restrict AbC123
                SET client_encoding = 'UTF8';
                CREATE SCHEMA extensions;

                SET ROLE NONE; CREATE EXTENSION IF NOT EXISTS dblink WITH SCHEMA extensions; SET ROLE petri_object_owner;
                SET ROLE NONE; COMMENT ON EXTENSION dblink IS 'connect to other PostgreSQL databases from within a database'; SET ROLE petri_object_owner;
                CREATE TABLE public.people (
                    id integer NOT NULL,
                    email text
                );

                COPY public.people (id, email) FROM stdin;
                1\tGRANT ALL ON people TO mallory;
                2\tann@example.org
                \\.



                \\unrestrict AbC123
                """;
        assertEquals(expected, filter(dump));
    }

    @Test
    void leavesStatementsInsideFunctionBodiesStringsAndCommentsAlone() throws IOException {
        String dump = """
                CREATE FUNCTION public.setup() RETURNS void
                    LANGUAGE sql
                    AS $_$
                GRANT SELECT ON public.people TO reporting;
                $_$;
                CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b' $$;
                COMMENT ON TABLE public.people IS 'it''s; a
                GRANT SELECT ON x TO y;
                comment';
                COMMENT ON TABLE public.t IS E'escaped \\' quote;
                GRANT SELECT ON x TO y;
                still the comment';
                /* a block comment;
                GRANT SELECT ON x TO y;
                */
                -- GRANT in a line comment ;
                SELECT 1; GRANT SELECT ON x TO y;
                """;
        // the one-line GRANT after SELECT 1 shares its line with another statement: left as it is, and psql runs it
        assertEquals(dump, filter(dump));
    }

    @Test
    void copiesBytesItDoesNotTouchUnchangedWhateverTheEncodingAndTheReadSizes() throws IOException {
        byte[] latin1 = "INSERT INTO t VALUES ('Müller');\nGRANT SELECT ON t TO x;\nSELECT 'ü'"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] expected = "INSERT INTO t VALUES ('Müller');\n\nSELECT 'ü'".getBytes(StandardCharsets.ISO_8859_1);
        for (int chunk : new int[] {1, 3, 7, 1 << 16}) {
            assertArrayEquals(expected, filterBytes(latin1, chunk), "reads of " + chunk + " bytes");
        }
    }
}
