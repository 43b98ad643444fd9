package dev.petri.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petri.events.SealedSecret;
import org.junit.jupiter.api.Test;

/** Secrets sealed for the bus open only with the same key, and never show their plain text. */
class SecretBoxTest {

    private final SecretBox box = new SecretBox("a-shared-key-of-enough-length");

    @Test
    void opensWhatItSealed() {
        SealedSecret sealed = box.seal("s3cret-password");
        assertFalse(sealed.ciphertext().contains("s3cret"));
        assertEquals("s3cret-password", box.open(sealed));
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTime() {
        assertNotEquals(box.seal("x").ciphertext(), box.seal("x").ciphertext());
    }

    @Test
    void refusesASecretSealedWithAnotherKey() {
        SealedSecret other = new SecretBox("another-shared-key-entirely").seal("x");
        assertThrows(IllegalArgumentException.class, () -> box.open(other));
    }

    @Test
    void refusesATamperedSecret() {
        SealedSecret sealed = box.seal("value");
        char[] c = sealed.ciphertext().toCharArray();
        c[c.length / 2] = c[c.length / 2] == 'A' ? 'B' : 'A';
        assertThrows(IllegalArgumentException.class, () -> box.open(new SealedSecret(sealed.keyId(), new String(c))));
    }

    @Test
    void refusesAShortKey() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox("short"));
    }

    @Test
    void randomPasswordsAreAlphanumericAndDiffer() {
        String a = Credentials.randomPassword(24);
        assertEquals(24, a.length());
        assertEquals(true, a.matches("[A-Za-z0-9]+"));
        assertNotEquals(a, Credentials.randomPassword(24));
    }
}
