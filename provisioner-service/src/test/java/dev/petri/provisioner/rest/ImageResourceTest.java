package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petri.devstack.DevStackTestResource;
import dev.petri.events.ImageBuildFailed;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.MaskingFailed;
import dev.petri.events.PetriEvent;
import dev.petri.events.SourceSpec;
import dev.petri.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Image definitions are validated field by field; a refused one is not recorded. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class ImageResourceTest {

    static final String ADMIN = EnvironmentResourceTest.ADMIN;

    @Test
    void refusesADefinitionWithMissingAndInvalidFields() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"engine\":\"oracle\",\"pool\":{\"size\":1000},\"refresh\":\"every night\"}")
                .when().put("/api/images/broken")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors", hasKey("engine")).body("errors", hasKey("source"))
                .body("errors", hasKey("pool.size")).body("errors", hasKey("refresh"));
        given().header("Authorization", ADMIN).when().get("/api/images/broken").then().statusCode(404);
    }

    @Test
    void refusesAPasswordInsideTheJdbcUrlWithoutEchoingIt() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"jdbcUrl\":\"jdbc:postgresql://db/prod?password=hunter2\","
                        + "\"username\":\"u\",\"password\":\"p\"}}")
                .when().put("/api/images/leaky")
                .then().statusCode(400).body("errors", hasKey("source.jdbcUrl"))
                .body(not(containsString("hunter2")));
    }

    @Test
    void refusesAPolicyNamingAnUnknownRuleOrClassBeforeAnythingIsBuilt() {
        for (String entry : new String[] {"\"rule\":\"rot13\"", "\"class\":\"shoe_size\"", "\"rulee\":\"free_text\""}) {
            given().header("Authorization", ADMIN).contentType("application/json")
                    .body("{\"engine\":\"postgres\",\"source\":{\"jdbcUrl\":\"jdbc:postgresql://db/prod\",\"username\":\"u\","
                            + "\"password\":\"p\"},\"policy\":{\"columns\":[{\"schema\":\"public\",\"table\":\"t\",\"column\":\"c\","
                            + entry + "}]}}")
                    .when().put("/api/images/typo")
                    .then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors", hasKey("policy")).body("errors.policy", containsString("unknown"));
        }
        given().header("Authorization", ADMIN).when().get("/api/images/typo").then().statusCode(404);
    }

    @Test
    void refusesAnInvalidImageName() {
        given().header("Authorization", ADMIN).contentType("application/json").body("{}")
                .when().put("/api/images/Bad_Name")
                .then().statusCode(400).body("errors", hasKey("name"));
    }

    @Test
    void onlyAdminsDefineImages() {
        String token = given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"name\":\"dev-" + System.nanoTime() + "\",\"role\":\"user\"}")
                .when().post("/api/tokens").then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/x.dump\"}}")
                .when().put("/api/images/mine")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aBuildIsOrderedWithoutABodyAsCurlSendsIt() {
        // no body, no Content-Type: the request reaches the image lookup (404 for an unknown image), not a 415
        given().header("Authorization", ADMIN).when().post("/api/images/ghost/builds")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("ghost"));
        given().header("Authorization", ADMIN).contentType("application/json").body("{}")
                .when().post("/api/images/ghost/builds").then().statusCode(404);
    }

    @Test
    void theReportOfAnUnknownImageIsNotFound() {
        given().header("Authorization", ADMIN).when().get("/api/images/ghost/versions/1/report")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aBuildWhoseFailureArrivesBeforeItsStartStaysFailed() {
        // a missing backup file fails a build within milliseconds; its failure and its start come on different
        // topics, so the failure can be recorded first (the image stayed BUILDING for ever)
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/backups/gone.dump\"}}")
                .when().put("/api/images/quick-fail").then().statusCode(202);
        Bus.publish(Topics.MASKING_FAILED, new MaskingFailed(PetriEvent.newId(), Instant.now(), "c1", "quick-fail", 1,
                "source-missing", "the backup file /backups/gone.dump cannot be read", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(given().header("Authorization", ADMIN)
                .when().get("/api/images/quick-fail").then().extract().path("status")));
        Bus.publish(Topics.IMAGE_BUILD_REQUESTED, new ImageBuildRequested(PetriEvent.newId(), Instant.now(), "c1",
                "quick-fail", 1, "postgres", new SourceSpec(null, null, null, "/backups/gone.dump"), null, "definition"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "definition".equals(given().header("Authorization", ADMIN)
                .when().get("/api/images/quick-fail").then().extract().path("versions[0].trigger")));

        Map<String, Object> image = given().header("Authorization", ADMIN).when().get("/api/images/quick-fail")
                .then().statusCode(200).extract().path("$");
        assertEquals("FAILED", image.get("status"));
        assertEquals("source-missing", ((Map<?, ?>) image.get("error")).get("type"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) image.get("versions");
        assertEquals(1, versions.size());
        assertEquals("FAILED", versions.get(0).get("status"));

        given().header("Authorization", ADMIN).when().get("/api/images/quick-fail/versions/1/report")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("type", containsString("build-failed"))
                .body("detail", containsString("failed before its masking report was written (source-missing: the"
                        + " backup file /backups/gone.dump cannot be read)"));
    }

    @Test
    void theReportOfAVersionStillBuildingIsNotFoundYet() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/backups/slow.dump\"}}")
                .when().put("/api/images/slow-build").then().statusCode(202);
        Bus.publish(Topics.IMAGE_BUILD_REQUESTED, new ImageBuildRequested(PetriEvent.newId(), Instant.now(), "c2",
                "slow-build", 1, "postgres", new SourceSpec(null, null, null, "/backups/slow.dump"), null, "definition"));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", ADMIN)
                .when().get("/api/images/slow-build").then().extract().path("versions[0].status") != null);
        given().header("Authorization", ADMIN).when().get("/api/images/slow-build/versions/1/report")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("is building; its report comes when masking finishes"));
    }

    @Test
    void aBuildTheImageServiceFailedItselfShowsAsFailedWithItsFirstError() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/backups/slow.dump\"}}")
                .when().put("/api/images/timed-out").then().statusCode(202);
        Bus.publish(Topics.IMAGE_BUILD_REQUESTED, new ImageBuildRequested(PetriEvent.newId(), Instant.now(), "c2",
                "timed-out", 1, "postgres", new SourceSpec(null, null, null, "/backups/slow.dump"), null, "definition"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "BUILDING".equals(given().header("Authorization", ADMIN)
                .when().get("/api/images/timed-out").then().extract().path("status")));

        Bus.publish(Topics.IMAGE_BUILD_FAILED, new ImageBuildFailed(PetriEvent.newId(), Instant.now(), "c2",
                "timed-out", 1, "timeout", "no masking result within 240 minutes"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(given().header("Authorization", ADMIN)
                .when().get("/api/images/timed-out").then().extract().path("status")));
        // the masking run, its staging database dropped under it, reports a failure of its own later
        Bus.publish(Topics.MASKING_FAILED, new MaskingFailed(PetriEvent.newId(), Instant.now(), "c2", "timed-out", 1,
                "internal", "masking failed unexpectedly; see the masking-service log", null));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).until(() -> true);

        Map<String, Object> image = given().header("Authorization", ADMIN).when().get("/api/images/timed-out")
                .then().statusCode(200).extract().path("$");
        assertEquals("FAILED", image.get("status"));
        assertEquals("timeout", ((Map<?, ?>) image.get("error")).get("type"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) image.get("versions");
        assertEquals("FAILED", versions.get(0).get("status"));
        assertEquals("timeout", ((Map<?, ?>) versions.get(0).get("error")).get("type"));
    }
}
