package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petri.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pull and merge request webhooks: signed, one environment per open request, dropped on close, redeliveries harmless. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class WebhookResourceTest {

    static final String ADMIN = EnvironmentResourceTest.ADMIN;

    @BeforeEach
    void webhookImageIsReady() {
        Bus.usableImage(ProvisionerTestProfile.WEBHOOK_IMAGE);
    }

    @Test
    void anOpenedPullRequestGetsAnEnvironmentLabelledWithRepositoryAndNumberThatAdminsSee() {
        String repo = "acme/shop-" + System.nanoTime();
        String id = github("pull_request", UUID.randomUUID().toString(), pullRequest("opened", repo, 42))
                .then().statusCode(202).body("action", equalTo("requested"))
                .body("environment.label", equalTo("github:" + repo + "#42"))
                .body("environment.owner", equalTo("github:" + repo))
                .body("environment.image", equalTo(ProvisionerTestProfile.WEBHOOK_IMAGE))
                .extract().path("environment.id");
        given().header("Authorization", ADMIN).when().get("/api/environments")
                .then().statusCode(200).body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.label", equalTo("github:" + repo + "#42"));
    }

    @Test
    void aRedeliveredOrRepeatedWebhookCreatesNoSecondEnvironment() {
        String repo = "acme/redeliver-" + System.nanoTime();
        String delivery = UUID.randomUUID().toString();
        String first = github("pull_request", delivery, pullRequest("opened", repo, 7)).then().statusCode(202)
                .extract().path("environment.id");
        String again = github("pull_request", delivery, pullRequest("opened", repo, 7)).then().statusCode(202)
                .extract().path("environment.id");
        String reopened = github("pull_request", UUID.randomUUID().toString(), pullRequest("reopened", repo, 7))
                .then().statusCode(202).body("action", equalTo("exists")).extract().path("environment.id");
        assertEquals(first, again);
        assertEquals(first, reopened);
        given().header("Authorization", ADMIN).when().get("/api/environments")
                .then().body("findAll { it.label == 'github:" + repo + "#7' }.size()", equalTo(1));
    }

    @Test
    void closingThePullRequestReleasesItsEnvironment() {
        String repo = "acme/close-" + System.nanoTime();
        String id = github("pull_request", UUID.randomUUID().toString(), pullRequest("opened", repo, 3))
                .then().statusCode(202).extract().path("environment.id");
        github("pull_request", UUID.randomUUID().toString(), pullRequest("closed", repo, 3))
                .then().statusCode(202).body("action", equalTo("released")).body("environments", hasItem(id));
        assertEquals("RELEASING", Bus.environment(id).get("status"));
        github("pull_request", UUID.randomUUID().toString(), pullRequest("closed", repo, 3))
                .then().statusCode(202).body("environments.size()", equalTo(0));
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndNothingIsDone() {
        String repo = "acme/forged-" + System.nanoTime();
        String body = pullRequest("opened", repo, 1);
        given().header("X-GitHub-Event", "pull_request").header("X-Hub-Signature-256", signature("guess", body))
                .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/webhooks/github")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("type", containsString("bad-signature"))
                .body(not(containsString(ProvisionerTestProfile.GITHUB_SECRET)));
        given().header("X-GitHub-Event", "pull_request").contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/webhooks/github")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("Authorization", ADMIN).when().get("/api/environments?all=true")
                .then().body("findAll { it.owner == 'github:" + repo + "' }.size()", equalTo(0));
    }

    @Test
    void otherEventsAndActionsAreAcknowledgedAndIgnored() {
        github("ping", UUID.randomUUID().toString(), "{\"zen\":\"Keep it logically awesome.\"}")
                .then().statusCode(200).body("action", equalTo("ignored"));
        github("pull_request", UUID.randomUUID().toString(), pullRequest("synchronize", "acme/sync", 5))
                .then().statusCode(200).body("action", equalTo("ignored"));
    }

    @Test
    void aGitlabMergeRequestGetsAnEnvironmentUntilItIsMerged() {
        String project = "group/sub/app-" + System.nanoTime();
        String id = gitlab(ProvisionerTestProfile.GITLAB_TOKEN, mergeRequest("open", project, 9))
                .then().statusCode(202).body("action", equalTo("requested"))
                .body("environment.label", equalTo("gitlab:" + project + "#9"))
                .extract().path("environment.id");
        gitlab(ProvisionerTestProfile.GITLAB_TOKEN, mergeRequest("merge", project, 9))
                .then().statusCode(202).body("environments", hasItem(id));
        assertEquals("RELEASING", Bus.environment(id).get("status"));
    }

    @Test
    void aWrongGitlabTokenIsRefusedAndNothingIsDone() {
        String project = "group/wrong-" + System.nanoTime();
        gitlab("guess", mergeRequest("open", project, 1))
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body(not(containsString(ProvisionerTestProfile.GITLAB_TOKEN)));
        given().header("Authorization", ADMIN).when().get("/api/environments?all=true")
                .then().body("findAll { it.owner == 'gitlab:" + project + "' }.size()", equalTo(0));
    }

    static Response github(String event, String delivery, String body) {
        return given().header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signature(ProvisionerTestProfile.GITHUB_SECRET, body))
                .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/webhooks/github");
    }

    static Response gitlab(String token, String body) {
        return given().header("X-Gitlab-Event", "Merge Request Hook").header("X-Gitlab-Token", token)
                .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
                .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/webhooks/gitlab");
    }

    static String pullRequest(String action, String repo, int number) {
        return "{\"action\":\"" + action + "\",\"number\":" + number + ",\"pull_request\":{\"number\":" + number
                + ",\"title\":\"Add a feature\",\"merged\":false},\"repository\":{\"full_name\":\"" + repo + "\"}}";
    }

    static String mergeRequest(String action, String project, int iid) {
        return "{\"object_kind\":\"merge_request\",\"project\":{\"path_with_namespace\":\"" + project + "\"},"
                + "\"object_attributes\":{\"iid\":" + iid + ",\"action\":\"" + action + "\",\"state\":\"opened\"}}";
    }

    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
