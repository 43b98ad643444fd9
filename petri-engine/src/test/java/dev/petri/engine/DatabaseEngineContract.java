package dev.petri.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every engine adapter must do, whatever the engine. Subclasses give an engine on a reachable
 * server and a source database filled with the demo data.
 */
public abstract class DatabaseEngineContract {

    /** The adapter under test. */
    protected abstract DatabaseEngine engine();

    /** A live source holding the demo data, and credentials that may only read it. */
    protected abstract SourceConnection demoSource();

    /** Whether an error is a unique-constraint violation; PostgreSQL's SQLSTATE unless an engine says otherwise. */
    protected boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** A fresh suffix for database names. */
    protected static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    public void stagesALiveSourceWithRowsConstraintsAndViews() throws SQLException {
        String staging = DbNames.staging("contract" + unique(), 1);
        try {
            StagedCopy copy = engine().stageFrom(demoSource(), staging, CopyProgress.none());
            engine().finishStaging(demoSource(), staging);
            assertTrue(copy.rows() > 0, "rows were copied");
            assertEquals(countRows(demoSource(), "customers"), count(staging, "SELECT count(*) FROM customers"));
            assertEquals(count(staging, "SELECT count(*) FROM customers"),
                    count(staging, "SELECT count(*) FROM customer_order_totals"), "the view works");
            SQLException duplicate = assertThrows(SQLException.class, () -> execute(staging,
                    "INSERT INTO customers (first_name, last_name, email) SELECT first_name, last_name, email"
                            + " FROM customers WHERE id = (SELECT min(id) FROM customers)"));
            assertTrue(isUniqueViolation(duplicate), "the unique constraint on email holds: " + duplicate.getMessage());
        } finally {
            engine().dropDatabase(staging);
        }
        assertFalse(engine().databaseExists(staging));
    }

    @Test
    public void clonesAnImageAndGivesALoginThatReachesOnlyItsOwnDatabase() throws SQLException {
        String suffix = unique();
        String staging = DbNames.staging("contract" + suffix, 1);
        String image = DbNames.image("contract" + suffix, 1);
        String clone = DbNames.member(suffix);
        String other = DbNames.member("o" + suffix);
        String login = DbNames.login(suffix);
        try {
            engine().stageFrom(demoSource(), staging, CopyProgress.none());
            engine().finishStaging(demoSource(), staging);
            engine().sealAsImage(staging);
            CloneResult result = engine().cloneDatabase(staging, clone);
            engine().cloneDatabase(staging, other);
            assertEquals(engine().detectCloneMethod(), result.method());
            engine().createOwnerLogin(clone, login, "Secret" + suffix);

            String url = engine().publicJdbcUrl(clone);
            try (Connection c = DriverManager.getConnection(url, login, "Secret" + suffix);
                 Statement st = c.createStatement()) {
                st.execute("CREATE TABLE scratch (id int)");
                st.execute("INSERT INTO customers (first_name, last_name, email) VALUES ('a', 'b', 'new@example.org')");
                st.execute("DROP TABLE payments");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM customers")) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 1);
                }
            }
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(engine().publicJdbcUrl(other), login, "Secret" + suffix).close(),
                    "another environment refuses the login");
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(engine().publicJdbcUrl(staging), login, "Secret" + suffix).close(),
                    "the image refuses the login");
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url, login, "wrong-password").close(),
                    "a wrong password is refused");
            engine().dropDatabase(clone);
            engine().dropLogin(login);
            assertFalse(engine().loginExists(login));
        } finally {
            engine().dropDatabase(clone);
            engine().dropDatabase(other);
            engine().dropLogin(login);
            engine().dropDatabase(staging);
            engine().dropDatabase(image);
        }
    }

    @Test
    public void aDisabledLoginIsRefusedAtOnceAndItsSessionsEndWhileItsDatabaseStays() throws SQLException {
        String suffix = unique();
        String db = DbNames.member(suffix);
        String login = DbNames.login(suffix);
        String password = "Rand0m" + suffix + "Abcdefghijkmn";
        try {
            engine().createPrivateDatabase(db);
            engine().createOwnerLoginWithRandomPassword(db, login, password);
            String url = engine().publicJdbcUrl(db);
            try (Connection open = DriverManager.getConnection(url, login, password)) {
                assertTrue(open.isValid(5), "the random password works");
                engine().disableLogin(login);
                assertThrows(SQLException.class, () -> DriverManager.getConnection(url, login, password).close(),
                        "a new session is refused");
                assertThrows(SQLException.class, () -> {
                    try (Statement st = open.createStatement()) {
                        st.execute("SELECT 1");
                    }
                }, "the open session was ended");
            }
            assertTrue(engine().databaseExists(db), "the database stays until it is dropped");
            assertTrue(engine().loginExists(login), "the login stays until it is dropped");
            engine().disableLogin(login);
            engine().disableLogin(DbNames.login(unique()));
            engine().dropDatabase(db);
            engine().dropLogin(login);
            assertFalse(engine().databaseExists(db));
            assertFalse(engine().loginExists(login));
        } finally {
            engine().dropDatabase(db);
            engine().dropLogin(login);
        }
    }

    @Test
    public void marksADatabaseAsPetrisReplacesTheMarkAndReadsItBack() {
        String database = DbNames.PREFIX + "env_contract" + unique();
        engine().createPrivateDatabase(database);
        try {
            assertEquals(Optional.empty(), engine().databaseMarker(database), "a new database carries no marker");
            engine().markDatabase(database, "petri:image:contract:1");
            assertEquals(Optional.of("petri:image:contract:1"), engine().databaseMarker(database));
            engine().markDatabase(database, "petri:member:" + database);
            assertEquals(Optional.of("petri:member:" + database), engine().databaseMarker(database),
                    "a clone's marker replaces the one its image was sealed with");
            assertThrows(IllegalArgumentException.class, () -> engine().markDatabase(database, "x'; DROP DATABASE x; --"));
            assertEquals(Optional.of("petri:member:" + database), engine().databaseMarker(database));
        } finally {
            engine().dropDatabase(database);
        }
    }

    @Test
    public void refusesUnsafeNames() {
        assertThrows(IllegalArgumentException.class, () -> engine().dropDatabase("x; DROP DATABASE postgres"));
        assertThrows(IllegalArgumentException.class, () -> engine().createPrivateDatabase("Robert'); --"));
    }

    @Test
    public void reportsAWrongSourcePasswordWithoutShowingIt() {
        SourceConnection wrong = new SourceConnection(demoSource().jdbcUrl(), demoSource().username(), "hunter2-wrong");
        EngineException error = assertThrows(EngineException.class,
                () -> engine().stageFrom(wrong, DbNames.staging("wrong" + unique(), 1), CopyProgress.none()));
        assertEquals("source-authentication", error.kind());
        assertFalse(error.getMessage().contains("hunter2-wrong"));
    }

    private long countRows(SourceConnection source, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(source.jdbcUrl(), source.username(), source.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long count(String database, String sql) throws SQLException {
        try (Connection c = engine().connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection c = engine().connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
