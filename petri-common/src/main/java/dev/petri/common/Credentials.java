package dev.petri.common;

import java.security.SecureRandom;

/** Random passwords and tokens, safe to put in connection strings and shell lines. */
public final class Credentials {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {
    }

    /** A random password of the given length from an unambiguous alphanumeric alphabet. */
    public static String randomPassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A random token with a readable prefix, e.g. {@code petri_u_...}. */
    public static String randomToken(String prefix) {
        return prefix + randomPassword(32);
    }
}
