package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.petri.common.SecretBox;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.MaskingProgressed;
import dev.petri.events.PetriEvent;
import dev.petri.events.PoolStatusChanged;
import dev.petri.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The dashboard at / in a real headless Chromium: it shows images, pools and environments and follows the events live. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL page;
    @Inject
    SecretBox secrets;

    @Test
    void showsImagesPoolsAndEnvironmentsAndUpdatesLiveWithoutAReload() throws Exception {
        Optional<String[]> installed = Browser.installed();
        Assumptions.assumeTrue(installed.isPresent(),
                "SKIPPED: no chromium/chromedriver installed (apt-get install -y chromium chromium-driver)");
        Bus.usableImage("clinic");
        Bus.publish(Topics.POOL_STATUS_CHANGED, new PoolStatusChanged(PetriEvent.newId(), Instant.now(), "clinic",
                "clinic", 1, 3, 2, 1, 1, "template-copy"));
        String id = given().header("Authorization", EnvironmentResourceTest.ADMIN).contentType("application/json")
                .body("{\"image\":\"clinic\",\"label\":\"github:acme/clinic#12\"}")
                .when().post("/api/environments?wait=PT0S").then().statusCode(202).extract().path("id");
        Bus.ready(id, "clinic", secrets.seal("pw-never-on-the-dashboard"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "READY".equals(Bus.environment(id).get("status")));
        given().header("Authorization", EnvironmentResourceTest.ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/backups/crm.dump\"},\"pool\":{\"size\":2}}")
                .when().put("/api/images/crm").then().statusCode(202);
        Bus.publish(Topics.IMAGE_BUILD_REQUESTED, new ImageBuildRequested(PetriEvent.newId(), Instant.now(), "crm", "crm",
                1, "postgres", null, null, "manual"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(1).equals(given()
                .header("Authorization", EnvironmentResourceTest.ADMIN).when().get("/api/images/crm")
                .then().extract().path("latestVersion")));
        progress("crm", 35);
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(35).equals(given()
                .header("Authorization", EnvironmentResourceTest.ADMIN).when().get("/api/images/crm")
                .then().extract().path("progress.percent")));

        try (Browser browser = Browser.start(installed.get()[0], installed.get()[1])) {
            browser.open(page + "#token=" + ProvisionerTestProfile.ADMIN_TOKEN);
            browser.until("return document.body.dataset.loaded === 'true'"
                    + " && !!document.querySelector('#images tr[data-image=\"clinic\"]')", Duration.ofSeconds(20));
            assertEquals(ProvisionerTestProfile.ADMIN_TOKEN, browser.eval(
                    "return sessionStorage.getItem('petri.token')").asText());
            assertEquals("", browser.eval("return location.hash").asText(), "the token stays out of the URL");
            assertEquals("none", browser.eval("return getComputedStyle(document.getElementById('login')).display")
                    .asText(), "the token form is hidden once a token is known");
            assertFalse(browser.eval("const main = document.getElementById('dashboard');"
                    + " return [...main.querySelectorAll('.card')].some(c => c.scrollWidth > c.clientWidth + 1)")
                    .asBoolean(), "no table overflows its card");
            assertEquals("2 / 3", browser.eval("return document.querySelector("
                    + "'#pools tr[data-pool=\"clinic\"] td.ready .bar-label').textContent").asText());
            assertEquals("READY", browser.eval("return document.querySelector("
                    + "'#environments tr[data-environment=\"" + id + "\"] .badge').textContent").asText());
            browser.until("return document.querySelector('#images tr[data-image=\"crm\"] [data-percent]')"
                    + "?.dataset.percent === '35'", Duration.ofSeconds(10));

            browser.eval("window.petriTestMarker = 'still the same page'");
            browser.until("return document.getElementById('connection').textContent === 'live'", Duration.ofSeconds(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!browser.eval("return document.querySelector('#images tr[data-image=\"crm\"] [data-percent]')"
                    + "?.dataset.percent === '70'").asBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the progress bar did not follow the event stream");
                }
                progress("crm", 70);
                Thread.sleep(500);
            }
            browser.until("return [...document.querySelectorAll('#events li')]"
                    + ".some(li => li.textContent.includes('masking.progressed') && li.textContent.includes('70%'))",
                    Duration.ofSeconds(10));
            assertEquals("still the same page", browser.eval("return window.petriTestMarker").asText());
            assertEquals("live", browser.eval("return document.getElementById('connection').textContent").asText(),
                    "the event stream stays connected through the events");
            assertFalse(browser.eval("return document.documentElement.outerHTML").asText()
                    .contains("pw-never-on-the-dashboard"));
            browser.screenshot(Path.of("target", "dashboard.png"));
        }
    }

    private static void progress(String image, int percent) {
        Bus.publish(Topics.MASKING_PROGRESSED, new MaskingProgressed(PetriEvent.newId(), Instant.now(), image, image, 1,
                "masking", "crm.customers", percent * 10L, 1000, percent));
    }
}
