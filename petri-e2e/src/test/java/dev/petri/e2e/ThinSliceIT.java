package dev.petri.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.devstack.PetriLocal;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton end to end, as a user runs it: real Kafka and PostgreSQL 18, the four
 * services as their own processes, the image {@code demo} masked from a generated production
 * database, a warm pool of two, environments through the public API and the CLI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThinSliceIT {

    private static final String TOKEN = "e2e-admin-token";
    private static final Set<String> SECRETS_SEEN = ConcurrentHashMap.newKeySet();
    private static PetriLocal petri;
    private static Path root;

    @BeforeAll
    static void startPetri() throws Exception {
        root = Path.of(System.getProperty("petri.repo.root", "..")).toAbsolutePath().normalize();
        petri = PetriLocal.start(new PetriLocal.Options(root, root.resolve("petri-e2e/target/petri-local"), null, 0,
                TOKEN, false, Map.of("petri.pool.expiry-check-interval", "1s", "petri.api.republish-interval", "2s")));
        RestAssured.baseURI = petri.apiUrl();
        given().auth().oauth2(TOKEN).contentType("application/json").body(petri.demoImageDefinition(2))
                .when().put("/api/images/demo")
                .then().statusCode(202).body("name", equalTo("demo")).body("status", equalTo("BUILDING"));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                "READY".equals(image().getString("status")) && poolReady() == 2);
    }

    @AfterAll
    static void stopPetri() {
        if (petri != null) {
            petri.close();
        }
    }

    @Test
    @Order(1)
    void theImageIsMaskedAndNoStagingDatabaseIsLeftBehind() throws SQLException {
        JsonPath img = image();
        assertEquals(1, img.getInt("latestReadyVersion"));
        assertTrue(img.getBoolean("usable"));
        assertEquals(List.of(), databases("petri_stg_"), "staging databases are dropped after the build");
        assertEquals(1, databases("petri_img_demo_").size());
        given().auth().oauth2(TOKEN).when().get("/api/images/demo/versions/1/report")
                .then().statusCode(200).body("columns.size()", org.hamcrest.Matchers.greaterThan(10));
        given().auth().oauth2(TOKEN).when().get("/api/pools")
                .then().statusCode(200).body("[0].image", equalTo("demo")).body("[0].target", equalTo(2))
                .body("[0].cloneMethod", notNullValue());
    }

    @Test
    @Order(2)
    void anEnvironmentFromTheWarmPoolWorksWithItsOwnCredentialsOnTheMaskedCopyOnly() throws Exception {
        Response r = given().auth().oauth2(TOKEN).contentType("application/json")
                .body("{\"image\":\"demo\",\"ttl\":\"PT1H\",\"label\":\"e2e\"}").when().post("/api/environments");
        r.then().statusCode(201).body("status", equalTo("READY")).body("image", equalTo("demo"))
                .body("imageVersion", equalTo(1)).body("cold", equalTo(false))
                .body("jdbcUrl", startsWith("jdbc:postgresql://"));
        JsonPath env = r.jsonPath();
        for (String field : List.of("id", "host", "port", "database", "username", "password", "expiresAt")) {
            assertTrue(env.get(field) != null, field + " is in the answer");
        }
        String url = env.getString("jdbcUrl");
        String user = env.getString("username");
        String password = env.getString("password");
        SECRETS_SEEN.add(password);

        Set<String> sourceEmails = strings("demo_production", "SELECT email FROM customers");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            assertEquals(sourceEmails.size(), count(st, "SELECT count(*) FROM customers"), "every row is there");
            Set<String> envEmails = new HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT email FROM customers")) {
                while (rs.next()) {
                    envEmails.add(rs.getString(1));
                }
            }
            envEmails.retainAll(sourceEmails);
            assertEquals(Set.of(), envEmails, "no production email reaches the environment");
            assertTrue(count(st, "SELECT count(*) FROM customer_order_totals") > 0, "the view still works");
            st.execute("CREATE TABLE my_feature (id int PRIMARY KEY)");
            st.execute("ALTER TABLE customers ADD COLUMN nickname text");
            st.execute("DROP TABLE payments");
        }
        String otherDb = petri.stack().postgres().jdbcUrl("demo_production");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(otherDb, user, password).close(),
                "the production source refuses the environment's login");
        String imageDb = petri.stack().postgres().jdbcUrl(databases("petri_img_demo_").get(0));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(imageDb, user, password).close(),
                "the image refuses the environment's login");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, password + "x").close(),
                "a wrong password is refused");
        psqlWorks(env.getString("uri"));

        await().atMost(Duration.ofSeconds(60)).until(() -> poolReady() == 2);
    }

    @Test
    @Order(3)
    void releasingDropsTheDatabaseAndLoginAndThePoolRefills() throws Exception {
        JsonPath env = given().auth().oauth2(TOKEN).contentType("application/json").body("{\"image\":\"demo\"}")
                .when().post("/api/environments").then().statusCode(201).extract().jsonPath();
        String id = env.getString("id");
        given().auth().oauth2(TOKEN).when().delete("/api/environments/" + id).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DROPPED".equals(
                given().auth().oauth2(TOKEN).get("/api/environments/" + id).jsonPath().getString("status")));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(env.getString("jdbcUrl"),
                env.getString("username"), env.getString("password")).close(),
                "released credentials are refused at once");
        // the database itself is dropped once claims pause (deferred drop), and its login with it
        await().atMost(Duration.ofSeconds(90)).until(() -> !databases("").contains(env.getString("database")));
        await().atMost(Duration.ofSeconds(30)).until(() -> strings("postgres",
                "SELECT rolname FROM pg_roles WHERE rolname = '" + env.getString("username") + "'").isEmpty());
        await().atMost(Duration.ofSeconds(60)).until(() -> poolReady() == 2);
    }

    @Test
    @Order(4)
    void badInputGetsAProblemAndChangesNothing() {
        int before = given().auth().oauth2(TOKEN).get("/api/environments?all=true").jsonPath().getList("$").size();
        given().auth().oauth2(TOKEN).contentType("application/json").body("{\"image\":")
                .when().post("/api/environments").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TOKEN).contentType("application/json").body("{\"image\":\"unknown\"}")
                .when().post("/api/environments").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TOKEN).contentType("application/json").body("{}")
                .when().post("/api/environments").then().statusCode(400).body("errors.image", notNullValue());
        given().auth().oauth2(TOKEN).contentType("application/json").body("{\"engine\":\"postgres\"}")
                .when().put("/api/images/other").then().statusCode(400).body("errors.source", notNullValue());
        given().contentType("application/json").body("{\"image\":\"demo\"}")
                .when().post("/api/environments").then().statusCode(401);
        assertEquals(before, given().auth().oauth2(TOKEN).get("/api/environments?all=true").jsonPath().getList("$").size());
        given().auth().oauth2(TOKEN).get("/api/images/other").then().statusCode(404);
    }

    @Test
    @Order(5)
    void theCliGetsAnEnvironmentForScriptsAndReleasesIt() throws Exception {
        CliResult up = cli("up", "demo", "--format", "env", "--label", "cli");
        assertEquals(0, up.exit(), up.err());
        CliResult check = run(List.of("bash", "-c", up.out() + "\necho \"$PGUSER|$PGDATABASE|${PGPASSWORD:+set}\""));
        String[] parts = check.out().trim().split("\\|");
        assertTrue(parts[0].startsWith("petri_u_") && parts[1].startsWith("petri_env_") && "set".equals(parts[2]),
                check.out());
        CliResult ls = cli("ls");
        assertEquals(0, ls.exit(), ls.err());
        assertTrue(ls.out().contains("cli"), ls.out());
        String id = given().auth().oauth2(TOKEN).get("/api/environments").jsonPath()
                .getString("find { it.label == 'cli' }.id");
        CliResult down = cli("down", id);
        assertEquals(0, down.exit(), down.err());
        CliResult missing = cli("down", "no-such-id");
        assertEquals(3, missing.exit(), "a missing environment exits 3");
    }

    @Test
    @Order(6)
    void aRequestMadeWhileThePoolServiceIsDownIsServedWhenItComesBack() throws Exception {
        petri.kill("pool");
        Response r = given().auth().oauth2(TOKEN).contentType("application/json").body("{\"image\":\"demo\"}")
                .when().post("/api/environments?wait=PT1S");
        r.then().statusCode(202).header("Location", notNullValue()).body("status", equalTo("REQUESTED"));
        String id = r.jsonPath().getString("id");
        petri.restart("pool");
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(
                given().auth().oauth2(TOKEN).get("/api/environments/" + id).jsonPath().getString("status")));
        JsonPath env = given().auth().oauth2(TOKEN).get("/api/environments/" + id).jsonPath();
        try (Connection c = DriverManager.getConnection(env.getString("jdbcUrl"), env.getString("username"),
                env.getString("password"))) {
            assertTrue(c.isValid(2));
        }
        long claimedForIt = strings(dev.petri.devstack.DevStack.serviceDatabase("pool"),
                "SELECT id::text FROM members WHERE environment_id = '" + id + "'").size();
        assertEquals(1, claimedForIt, "exactly one member serves the request");
    }

    @Test
    @Order(7)
    void noSecretEverReachesAServiceLog() throws IOException {
        SECRETS_SEEN.add(petri.stack().postgres().password());
        SECRETS_SEEN.add(JsonPath.from(petri.demoImageDefinition(2)).getString("source.password"));
        List<Path> logs;
        try (var files = Files.list(petri.workDir().resolve("logs"))) {
            logs = files.toList();
        }
        assertEquals(4, logs.size(), "one log per service");
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : SECRETS_SEEN) {
                assertFalse(text.contains(secret), log.getFileName() + " contains a secret");
            }
        }
    }

    @Test
    @Order(8)
    void aCommittedPolicyIsCheckedAndASensitiveColumnWithoutARuleFailsThePipeline() throws Exception {
        CliResult get = cli("policy", "get", "demo");
        assertEquals(0, get.exit(), get.err());
        assertTrue(get.out().contains("customers") && get.out().contains("email"), get.out());
        Path policy = root.resolve("petri-e2e/target/demo-policy.yaml");
        Files.writeString(policy, get.out());
        CliResult unapplied = cli("policy", "check", "demo", policy.toString(), "--require-applied");
        assertEquals(7, unapplied.exit(), unapplied.out() + unapplied.err());
        assertTrue(unapplied.err().contains("does not apply this policy"), unapplied.err());
        CliResult change = cli("policy", "check", "demo", policy.toString());
        assertEquals(0, change.exit(), change.out() + change.err());
        assertTrue(change.out().contains("does not apply this file yet"), change.out());

        int before = image().getInt("latestVersion");
        CliResult apply = cli("policy", "apply", policy.toString(), "--image", "demo");
        assertEquals(0, apply.exit(), apply.out() + apply.err());
        assertTrue(apply.out().contains("a new build starts"), apply.out());
        await().atMost(Duration.ofMinutes(5)).until(() -> image().getInt("latestReadyVersion") == before + 1);
        assertEquals("policy", image().getString("versions[0].trigger"));
        CliResult pass = cli("policy", "check", "demo", policy.toString());
        assertEquals(0, pass.exit(), pass.out() + pass.err());
        CliResult again = cli("policy", "apply", policy.toString(), "--image", "demo");
        assertTrue(again.out().contains("policy unchanged"), again.out());

        String weakened = get.out().replaceFirst("rule: email", "rule: keep");
        assertTrue(!weakened.equals(get.out()), "the proposal masks an email column");
        Files.writeString(policy, weakened);
        CliResult fail = cli("policy", "check", "demo", policy.toString());
        assertEquals(7, fail.exit(), fail.out() + fail.err());
        assertTrue(fail.err().contains("has no masking rule"), fail.err());

        // the same without the CLI: the file as YAML out and in
        String file = given().auth().oauth2(TOKEN).accept("application/yaml").when().get("/api/images/demo/policy")
                .then().statusCode(200).contentType(startsWith("application/yaml")).extract().asString();
        assertTrue(file.startsWith("# Petri masking policy"), file);
        given().auth().oauth2(TOKEN).contentType("application/yaml").body(file.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/images/demo/policy/check").then().statusCode(200).body("passed", equalTo(true));
        given().auth().oauth2(TOKEN).contentType("application/yaml").body(weakened.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/images/demo/policy/check").then().statusCode(200).body("passed", equalTo(false));

        given().auth().oauth2(TOKEN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/x.sql\"},\"policy\":{\"columns\":\"all\"}}")
                .when().put("/api/images/badpolicy").then().statusCode(400).body("errors.policy", notNullValue());
    }

    @Test
    @Order(9)
    void theCliBuildsANewVersionAndShowsItsProgress() throws Exception {
        int before = image().getInt("latestVersion");
        // through the launcher, as the README has users run it (./petri build demo)
        CliResult build = run(List.of("bash", root.resolve("petri").toString(), "build", "demo", "--timeout", "5m"));
        assertEquals(0, build.exit(), build.out() + build.err());
        assertEquals("demo v" + (before + 1) + " READY", build.out().trim());
        assertTrue(build.err().contains("building image demo v" + (before + 1) + " ["), build.err());
        assertEquals(before + 1, image().getInt("latestReadyVersion"));
    }

    @Test
    @Order(10)
    void aMaskingServiceKilledMidBuildResumesTheBuildAndLeavesNoStagingDatabase() throws Exception {
        int next = image().getInt("latestVersion") + 1;
        given().auth().oauth2(TOKEN).post("/api/images/demo/builds").then().statusCode(202);
        String runs = dev.petri.devstack.DevStack.serviceDatabase("masking");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> !strings(runs,
                "SELECT 1 FROM masking_runs WHERE image = 'demo' AND version = " + next + " AND status = 'RUNNING'").isEmpty());
        petri.kill("masking");
        assertEquals(Set.of("RUNNING"), strings(runs, "SELECT status FROM masking_runs WHERE image = 'demo' AND version = "
                + next), "killed while the run was in progress");
        petri.restart("masking");
        await().atMost(Duration.ofSeconds(120)).until(() -> image().getInt("latestReadyVersion") == next);
        assertEquals(Set.of(), strings("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'petri\\_stg\\_%'"
                + " OR datname LIKE 'petri\\_rst\\_%'"), "no staging or restore database is left behind");
        given().auth().oauth2(TOKEN).get("/api/images/demo/versions/" + next + "/report").then().statusCode(200)
                .body("leakScan.passed", equalTo(true)).body("maskedTables.size()", greaterThan(0));
    }

    private static JsonPath image() {
        return given().auth().oauth2(TOKEN).get("/api/images/demo").jsonPath();
    }

    private static int poolReady() {
        List<Map<String, Object>> pools = given().auth().oauth2(TOKEN).get("/api/pools").jsonPath().getList("$");
        return pools.stream().filter(p -> "demo".equals(p.get("image"))).mapToInt(p -> (Integer) p.get("ready"))
                .findFirst().orElse(0);
    }

    private static List<String> databases(String prefix) throws SQLException {
        return List.copyOf(new TreeSet<>(strings("postgres",
                "SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%'")));
    }

    private static Set<String> strings(String database, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = petri.stack().postgres().connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void psqlWorks(String uri) throws Exception {
        if (run(List.of("bash", "-c", "command -v psql")).exit() != 0) {
            System.out.println("psql is not installed: the connection was checked with JDBC only");
            return;
        }
        CliResult psql = run(List.of("psql", uri, "-tAc", "SELECT count(*) > 0 FROM customers"));
        assertEquals(0, psql.exit(), psql.err());
        assertEquals("t", psql.out().trim());
    }

    private record CliResult(int exit, String out, String err) {
    }

    private static CliResult cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", root.resolve("petri-cli/target/petri-cli.jar").toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static CliResult run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PETRI_URL", petri.apiUrl());
        pb.environment().put("PETRI_TOKEN", TOKEN);
        pb.environment().put("PETRI_CONFIG", root.resolve("petri-e2e/target/petri-cli.json").toString());
        Path out = Files.createTempFile("petri-e2e", ".out");
        Path err = Files.createTempFile("petri-e2e", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new CliResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
