package dev.petri.provisioner.service;

import dev.petri.common.PetriException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Proves that a chat or webhook request comes from who it claims: HMAC signatures compared in constant time. */
public final class RequestSignatures {

    private RequestSignatures() {
    }

    /**
     * Whether a Slack request is signed with the signing secret: {@code v0=} and the hex HMAC-SHA256 of
     * {@code v0:<timestamp>:<raw body>}, with a timestamp no further than {@code maxAge} from now.
     */
    public static boolean slackValid(String secret, String timestamp, byte[] body, String signature, Instant now,
                                     Duration maxAge) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long age = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (age > maxAge.toSeconds()) {
            return false;
        }
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        return constantTimeEquals("v0=" + HexFormat.of().formatHex(hmacSha256(secret, prefix, body)), signature);
    }

    /** Whether a GitHub delivery carries {@code sha256=} and the hex HMAC-SHA256 of its raw body. */
    public static boolean githubValid(String secret, byte[] body, String signature) {
        return signature != null
                && constantTimeEquals("sha256=" + HexFormat.of().formatHex(hmacSha256(secret, body)), signature);
    }

    /** Whether two texts are equal, in time that does not depend on where they differ. */
    public static boolean constantTimeEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The configured secret of a front door, or a 404 problem naming the variable that turns it on. */
    public static String requireConfigured(Optional<String> secret, String frontDoor, String variable) {
        return secret.filter(s -> !s.isBlank()).orElseThrow(() -> new PetriException(404, "front-door-off",
                "This front door is not configured", "the " + frontDoor + " front door is off; set " + variable
                + " to turn it on"));
    }

    /** 401: a chat or webhook request whose signature or token is missing or wrong. */
    public static PetriException badSignature(String header) {
        return new PetriException(401, "bad-signature", "The request is not signed by the sender it claims",
                header + " is missing or does not match");
    }

    static byte[] hmacSha256(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
