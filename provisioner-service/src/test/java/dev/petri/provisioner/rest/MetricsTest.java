package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.petri.common.SecretBox;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.MaskingFailed;
import dev.petri.events.MaskingProgressed;
import dev.petri.events.PetriEvent;
import dev.petri.events.PoolStatusChanged;
import dev.petri.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus metrics at /q/metrics: claims, claim latency, pool sizes, masking progress and leak findings. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class MetricsTest {

    static final String IMAGE = "metered";

    @Inject
    SecretBox secrets;

    @Test
    void poolSizesFollowThePoolStatusEvents() {
        Bus.usableImage(IMAGE);
        Bus.publish(Topics.POOL_STATUS_CHANGED, new PoolStatusChanged(PetriEvent.newId(), Instant.now(), IMAGE, IMAGE,
                1, 3, 2, 1, 4, "template-copy"));
        awaitMetrics("petri_pool_ready{image=\"" + IMAGE + "\"} 2.0", "petri_pool_target{image=\"" + IMAGE + "\"} 3.0",
                "petri_pool_claimed{image=\"" + IMAGE + "\"} 4.0",
                "petri_pool_provisioning{image=\"" + IMAGE + "\"} 1.0");
    }

    @Test
    void aClaimIsCountedAndTimedOnceEvenWhenItsReadyEventIsRedelivered() {
        Bus.usableImage(IMAGE);
        String id = given().header("Authorization", EnvironmentResourceTest.ADMIN).contentType("application/json")
                .body("{\"image\":\"" + IMAGE + "\"}").when().post("/api/environments?wait=PT0S")
                .then().statusCode(202).extract().path("id");
        Bus.ready(id, IMAGE, secrets.seal("pw"));
        awaitMetrics("petri_claims_total{image=\"" + IMAGE + "\",outcome=\"ready\"} 1.0",
                "petri_claim_latency_seconds_count{image=\"" + IMAGE + "\"} 1");
        Bus.ready(id, IMAGE, secrets.seal("pw"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> metrics()
                .contains("petri_claims_total{image=\"" + IMAGE + "\",outcome=\"ready\"} 1.0"));
    }

    @Test
    void maskingProgressSurvivesARedeliveredBuildRequestAndLeakFindingsArePerImage() {
        String image = "leaky-metered";
        Bus.usableImage(image);
        Bus.publish(Topics.IMAGE_BUILD_REQUESTED, new ImageBuildRequested(PetriEvent.newId(), Instant.now(), image, image,
                2, "postgres", null, null, "manual"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "BUILDING".equals(given()
                .header("Authorization", EnvironmentResourceTest.ADMIN).when().get("/api/images/" + image)
                .then().extract().path("status")));
        Bus.publish(Topics.MASKING_PROGRESSED, new MaskingProgressed(PetriEvent.newId(), Instant.now(), image, image, 2,
                "masking", "crm.customers", 400, 1000, 40));
        awaitMetrics("petri_masking_progress_percent{image=\"" + image + "\"} 40.0");
        Bus.publish(Topics.IMAGE_BUILD_REQUESTED, new ImageBuildRequested(PetriEvent.newId(), Instant.now(), image, image,
                2, "postgres", null, null, "manual"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> Integer.valueOf(40).equals(
                given().header("Authorization", EnvironmentResourceTest.ADMIN).when().get("/api/images/" + image)
                        .then().extract().path("progress.percent")));
        MaskingFailed leak = new MaskingFailed(PetriEvent.newId(), Instant.now(), image, image, 2, "leak-found",
                "2 original values survived", Map.of("leakScan", Map.of("passed", false,
                        "findings", List.of(Map.of("table", "notes"), Map.of("table", "orders")))));
        Bus.publish(Topics.MASKING_FAILED, leak);
        awaitMetrics("petri_masking_leak_findings_total{image=\"" + image + "\"} 2.0");
        Bus.publish(Topics.MASKING_FAILED, leak);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> metrics()
                .contains("petri_masking_leak_findings_total{image=\"" + image + "\"} 2.0"));
    }

    private static void awaitMetrics(String... lines) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var body = given().when().get("/q/metrics").then().statusCode(200);
            for (String line : lines) {
                body.body(containsString(line));
            }
        });
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
