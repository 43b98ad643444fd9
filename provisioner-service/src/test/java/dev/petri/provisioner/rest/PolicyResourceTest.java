package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petri.devstack.DevStackTestResource;
import dev.petri.events.ImageDefinitionSubmitted;
import dev.petri.events.ImagePolicySubmitted;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.PetriEvent;
import dev.petri.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Applying a committed policy file through the front door: it becomes the image's policy on the bus, a malformed one
 * changes nothing, and {@code policy check} passes only for the policy the image applies.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class PolicyResourceTest {

    static final String ADMIN = EnvironmentResourceTest.ADMIN;

    /** The proposal of the classified image below, as {@code petri policy get} writes it, with one rule changed. */
    static final String FILE = """
            # Petri masking policy: review, override 'class' or 'rule', commit.
            version: 1
            columns:
            - schema: public
              table: patients
              column: id
              class: identifier
              rule: keep
            - schema: public
              table: patients
              column: name
              class: person_name
              rule: redact
              evidence: "name 'name' looks like person_name"
            """;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String classifiedImage() {
        String image = "pol-" + UUID.randomUUID().toString().substring(0, 8);
        Bus.usableImage(image);
        Bus.publish(Topics.MASKING_COMPLETED, new MaskingCompleted(PetriEvent.newId(), Instant.now(), image, image, 1,
                "postgres", "local", "staging", 1024, Instant.now(), "h1", Map.of("columns", List.of(
                        Map.of("schema", "public", "table", "patients", "column", "id", "type", "integer",
                                "class", "identifier", "evidence", "key", "rule", "keep", "decidedBy", "auto"),
                        Map.of("schema", "public", "table", "patients", "column", "name", "type", "text",
                                "class", "person_name", "evidence", "name", "rule", "person_name", "decidedBy", "auto")))));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", ADMIN)
                .when().get("/api/images/" + image + "/policy").then().extract().statusCode() == 200);
        return image;
    }

    @Test
    void anAppliedFileBecomesTheImagesPolicyOnceAndPassesItsCheck() {
        String image = classifiedImage();
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .queryParam("requireApplied", true)
                .when().post("/api/images/" + image + "/policy/check")
                .then().statusCode(200).body("passed", equalTo(false)).body("applied", equalTo(false))
                .body("problems[0].problem", containsString("does not apply this policy"))
                .body("problems[0].problem", containsString("petri policy apply"));

        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .when().put("/api/images/" + image + "/policy")
                .then().statusCode(202).body("changed", equalTo(true)).body("columns", equalTo(2));

        List<ImagePolicySubmitted> submitted = Bus.events(Topics.IMAGE_POLICY_SUBMITTED, image,
                ImagePolicySubmitted.class);
        assertEquals(1, submitted.size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) submitted.get(0).policy().get("columns");
        assertEquals(Map.of("schema", "public", "table", "patients", "column", "name", "class", "person_name",
                "rule", "redact"), columns.get(1), "the policy without its informational evidence");
        assertEquals("admin", submitted.get(0).submittedBy());

        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .when().post("/api/images/" + image + "/policy/check")
                .then().statusCode(200).body("passed", equalTo(true)).body("applied", equalTo(true))
                .body("problems.size()", equalTo(0));

        // the same policy as bare JSON, and the file as JSON the way the CLI sends it: nothing changes or is published
        given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("version", 1, "columns",
                        List.of(Map.of("schema", "public", "table", "patients", "column", "name", "class", "person_name",
                                "rule", "redact"), Map.of("schema", "public", "table", "patients", "column", "id",
                                "class", "identifier", "rule", "keep"))))
                .when().put("/api/images/" + image + "/policy")
                .then().statusCode(200).body("changed", equalTo(false));
        given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("yaml", FILE))
                .when().put("/api/images/" + image + "/policy")
                .then().statusCode(200).body("changed", equalTo(false));
        assertEquals(1, Bus.events(Topics.IMAGE_POLICY_SUBMITTED, image, ImagePolicySubmitted.class).size());
    }

    @Test
    void aFileTheImageDoesNotApplyIsNotedAndFailsOnlyWhenTheCheckRequiresIt() {
        String image = classifiedImage();
        String proposal = given().header("Authorization", ADMIN).header("Accept", "application/yaml")
                .when().get("/api/images/" + image + "/policy").then().statusCode(200).extract().asString();

        given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("yaml", proposal))
                .queryParam("requireApplied", true)
                .when().post("/api/images/" + image + "/policy/check")
                .then().statusCode(200).body("passed", equalTo(false)).body("applied", equalTo(false))
                .body("problems.size()", equalTo(1))
                .body("problems[0].problem", containsString("public.patients.id is not in the applied policy"));
        given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("yaml", proposal))
                .when().post("/api/images/" + image + "/policy/check")
                .then().statusCode(200).body("passed", equalTo(true)).body("applied", equalTo(false))
                .body("notApplied[0]", containsString("public.patients.id is not in the applied policy"));
    }

    @Test
    void aDefinitionWithoutAPolicyKeepsTheAppliedFileAndOneWithAPolicyReplacesIt() {
        String image = classifiedImage();
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .when().put("/api/images/" + image + "/policy").then().statusCode(202);
        // a new pool size, no policy: the applied file stays the image's policy, and the event carries it
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/backups/" + image + ".dump\"},"
                        + "\"pool\":{\"size\":3}}")
                .when().put("/api/images/" + image).then().statusCode(202);
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .queryParam("requireApplied", true)
                .when().post("/api/images/" + image + "/policy/check")
                .then().statusCode(200).body("passed", equalTo(true)).body("applied", equalTo(true));
        given().header("Authorization", ADMIN).when().get("/api/images/" + image)
                .then().statusCode(200).body("policy.columns.size()", equalTo(2))
                .body("policy.columns[1].rule", equalTo("redact"));
        List<ImageDefinitionSubmitted> definitions = Bus.events(Topics.IMAGE_DEFINITION_SUBMITTED, image,
                ImageDefinitionSubmitted.class);
        assertEquals(2, definitions.get(definitions.size() - 1).policy().get("columns") instanceof List<?> l ? l.size() : -1,
                "the last definition carries the applied policy: " + definitions.get(definitions.size() - 1).policy());
        // an explicit empty policy clears it
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/backups/" + image + ".dump\"},"
                        + "\"pool\":{\"size\":3},\"policy\":{\"columns\":[]}}")
                .when().put("/api/images/" + image).then().statusCode(202);
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .when().post("/api/images/" + image + "/policy/check")
                .then().statusCode(200).body("applied", equalTo(false));
    }

    @Test
    void aMalformedFileIsRefusedNamingTheProblemAndChangesNothing() {
        String image = classifiedImage();
        String typo = FILE.replace("rule: redact", "rulee: redact");
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(typo))
                .when().put("/api/images/" + image + "/policy")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors", hasKey("policy"))
                .body("errors.policy", containsString("unknown key 'rulee'"))
                .body("errors.policy", containsString("public.patients.name"));
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes("version: 1\ncolumns: [\n"))
                .when().put("/api/images/" + image + "/policy")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.policy", containsString("line "));
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"colums\":[]}")
                .when().put("/api/images/" + image + "/policy")
                .then().statusCode(400).body("errors.policy", containsString("unknown policy key 'colums'"));

        assertEquals(List.of(), Bus.events(Topics.IMAGE_POLICY_SUBMITTED, image, ImagePolicySubmitted.class));
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .when().post("/api/images/" + image + "/policy/check")
                .then().statusCode(200).body("applied", equalTo(false));
    }

    @Test
    void onlyAdminsApplyAndOnlyToAnImageThatExists() {
        String token = given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"name\":\"dev-" + System.nanoTime() + "\",\"role\":\"user\"}")
                .when().post("/api/tokens").then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType("application/yaml").body(bytes(FILE))
                .when().put("/api/images/ghost/policy")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().header("Authorization", ADMIN).contentType("application/yaml").body(bytes(FILE))
                .when().put("/api/images/ghost/policy")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }
}
