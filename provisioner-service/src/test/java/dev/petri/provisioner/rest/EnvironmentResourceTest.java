package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import dev.petri.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Bad input and missing credentials get a problem+json answer and change nothing. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class EnvironmentResourceTest {

    static final String ADMIN = "Bearer " + ProvisionerTestProfile.ADMIN_TOKEN;

    @Test
    void refusesCallsWithoutAToken() {
        given().contentType("application/json").body("{\"image\":\"demo\"}")
                .when().post("/api/environments")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", "Bearer")
                .body("title", equalTo("Not authenticated"));
    }

    @Test
    void refusesAWrongToken() {
        given().header("Authorization", "Bearer nope").when().get("/api/environments")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void answersMalformedJsonWithAProblem() {
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"image\":")
                .when().post("/api/environments")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", containsString("malformed-body"))
                .body("detail", equalTo("the body could not be read as JSON of the expected shape"));
    }

    @Test
    void answersJsonOfTheWrongShapeWithAProblem() {
        for (String body : new String[] {"[]", "\"demo\"", "[{\"image\":\"demo\"}]"}) {
            given().header("Authorization", ADMIN).contentType("application/json").body(body)
                    .when().post("/api/environments")
                    .then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("type", containsString("malformed-body"));
        }
    }

    @Test
    void listsEveryInvalidFieldAtOnce() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"image\":\"Not A Name\",\"ttl\":\"forever\",\"label\":\"<script>\"}")
                .when().post("/api/environments")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors", hasKey("image")).body("errors", hasKey("ttl")).body("errors", hasKey("label"));
    }

    @Test
    void anUnknownImageIsNotFoundAndNoEnvironmentIsRecorded() {
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"image\":\"no-such-image\"}")
                .when().post("/api/environments")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("no-such-image"));
        given().header("Authorization", ADMIN).when().get("/api/environments?all=true")
                .then().statusCode(200).body("findAll { it.image == 'no-such-image' }.size()", equalTo(0));
    }

    @Test
    void aTtlBeyondTheMaximumIsRefused() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"image\":\"demo\",\"ttl\":\"PT1000H\"}")
                .when().post("/api/environments")
                .then().statusCode(400).body("errors.ttl", containsString("between"));
    }

    @Test
    void anUnknownEnvironmentIsNotFound() {
        given().header("Authorization", ADMIN).when().delete("/api/environments/does-not-exist")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }
}
