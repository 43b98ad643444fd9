package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.petri.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
        for (String entry : new String[] {"\"rule\":\"rot13\"", "\"class\":\"shoe_size\""}) {
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
}
