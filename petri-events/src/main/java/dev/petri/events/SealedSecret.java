package dev.petri.events;

/**
 * A secret encrypted with the key shared by Petri's services, so that it never travels in plain text.
 *
 * @param keyId      which key sealed it (for rotation)
 * @param ciphertext base64 of nonce and AES-GCM ciphertext
 */
public record SealedSecret(String keyId, String ciphertext) {

    @Override
    public String toString() {
        return "SealedSecret[" + keyId + "]";
    }
}
