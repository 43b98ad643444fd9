package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.petri.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes the public API and the front doors. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class OpenApiTest {

    @Test
    void servesTheApiAndTheFrontDoorsWithoutAToken() {
        given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", notNullValue())
                .body("paths", hasKey("/api/environments"))
                .body("paths", hasKey("/api/images/{name}"))
                .body("paths", hasKey("/chat/slack"))
                .body("paths", hasKey("/webhooks/github"))
                .body("paths", hasKey("/webhooks/gitlab"))
                .body("paths.'/api/environments'.post.responses", hasKey("503"));
    }
}
