package dev.petri.provisioner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.PetriException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signatures checked against the examples Slack and GitHub document. */
class RequestSignaturesTest {

    private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String SLACK_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant SLACK_TIME = Instant.ofEpochSecond(1531420618);

    @Test
    void acceptsSlacksDocumentedExample() {
        assertTrue(RequestSignatures.slackValid(SLACK_SECRET, "1531420618", bytes(SLACK_BODY), SLACK_SIGNATURE,
                SLACK_TIME.plusSeconds(30), Duration.ofMinutes(5)));
    }

    @Test
    void refusesASlackRequestWithAChangedBodyOrAnOldTimestamp() {
        assertFalse(RequestSignatures.slackValid(SLACK_SECRET, "1531420618", bytes(SLACK_BODY + "x"), SLACK_SIGNATURE,
                SLACK_TIME, Duration.ofMinutes(5)));
        assertFalse(RequestSignatures.slackValid(SLACK_SECRET, "1531420618", bytes(SLACK_BODY), SLACK_SIGNATURE,
                SLACK_TIME.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)));
        assertFalse(RequestSignatures.slackValid(SLACK_SECRET, "not-a-time", bytes(SLACK_BODY), SLACK_SIGNATURE,
                SLACK_TIME, Duration.ofMinutes(5)));
        assertFalse(RequestSignatures.slackValid(SLACK_SECRET, "1531420618", bytes(SLACK_BODY), null,
                SLACK_TIME, Duration.ofMinutes(5)));
    }

    @Test
    void acceptsGithubsDocumentedExampleAndNothingElse() {
        String secret = "It's a Secret to Everybody";
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertTrue(RequestSignatures.githubValid(secret, bytes("Hello, World!"), signature));
        assertFalse(RequestSignatures.githubValid(secret, bytes("Hello, World?"), signature));
        assertFalse(RequestSignatures.githubValid(secret, bytes("Hello, World!"), null));
        assertFalse(RequestSignatures.githubValid(secret, bytes("Hello, World!"), signature.substring(7)));
    }

    @Test
    void aFrontDoorWithoutItsSecretIsNotFoundAndNamesTheVariable() {
        PetriException off = assertThrows(PetriException.class,
                () -> RequestSignatures.requireConfigured(Optional.empty(), "Slack", "PETRI_SLACK_SIGNING_SECRET"));
        assertEquals(404, off.status());
        assertTrue(off.getMessage().contains("PETRI_SLACK_SIGNING_SECRET"));
        assertEquals("s", RequestSignatures.requireConfigured(Optional.of("s"), "Slack", "X"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
