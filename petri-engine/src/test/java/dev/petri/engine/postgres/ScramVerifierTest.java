package dev.petri.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 verifier against the exchange of RFC 7677, section 3. */
class ScramVerifierTest {

    private static final String AUTH_MESSAGE = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
            + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
            + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

    @Test
    void matchesTheServerSignatureAndClientProofOfTheRfcExample() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        String verifier = ScramVerifier.of("pencil", salt, 4096);
        assertTrue(verifier.startsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"), verifier);
        String[] keys = verifier.substring(verifier.lastIndexOf('$') + 1).split(":");
        byte[] storedKey = Base64.getDecoder().decode(keys[0]);
        byte[] serverKey = Base64.getDecoder().decode(keys[1]);

        byte[] serverSignature = ScramVerifier.hmac(serverKey, AUTH_MESSAGE);
        assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Base64.getEncoder().encodeToString(serverSignature));

        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] clientSignature = ScramVerifier.hmac(storedKey, AUTH_MESSAGE);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        assertArrayEquals(storedKey, ScramVerifier.sha256(clientKey));
    }

    @Test
    void aFreshSaltEveryTimeAndTheIterationCountAsAsked() {
        String a = ScramVerifier.of("Abcdefghijkmnopqrstuvwxyz23", 64);
        String b = ScramVerifier.of("Abcdefghijkmnopqrstuvwxyz23", 64);
        assertTrue(a.startsWith("SCRAM-SHA-256$64:"), a);
        assertTrue(!a.equals(b), "two verifiers of one password differ by their salt");
    }

    @Test
    void refusesPasswordsThatWouldNeedSaslPrep() {
        assertThrows(IllegalArgumentException.class, () -> ScramVerifier.of("pässword-with-ümlauts", 64));
    }
}
