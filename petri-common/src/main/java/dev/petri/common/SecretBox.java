package dev.petri.common;

import dev.petri.events.SealedSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets with AES-256-GCM under the key Petri's services share
 * ({@code PETRI_SECRET_KEY}), so that no password crosses the bus in plain text.
 */
public final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    /** A box keyed by any passphrase or base64 text; the AES key is its SHA-256. */
    public SecretBox(String sharedKey) {
        if (sharedKey == null || sharedKey.length() < 16) {
            throw new IllegalArgumentException("the shared secret key must have at least 16 characters");
        }
        byte[] digest = sha256(sharedKey.getBytes(StandardCharsets.UTF_8));
        this.key = new SecretKeySpec(digest, "AES");
        this.keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(digest)).substring(0, 8);
    }

    /** Encrypts a secret; null stays null. */
    public SealedSecret seal(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
            return new SealedSecret(keyId, Base64.getEncoder().encodeToString(out.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal secret", e);
        }
    }

    /** Decrypts a sealed secret; fails when it was sealed under another key or tampered with. */
    public String open(SealedSecret sealed) {
        if (sealed == null) {
            return null;
        }
        if (!keyId.equals(sealed.keyId())) {
            throw new IllegalArgumentException("secret was sealed with another key (" + sealed.keyId() + ")");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed secret cannot be opened", e);
        }
    }

    /** Id of this box's key, as found in the secrets it seals. */
    public String keyId() {
        return keyId;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
