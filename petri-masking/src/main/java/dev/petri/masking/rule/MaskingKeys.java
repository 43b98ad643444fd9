package dev.petri.masking.rule;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Keys derived from the masking secret: a keyed hash for pseudonym choices and FF1 format-preserving
 * encryption (NIST SP 800-38G, Bouncy Castle) for digit strings; the same secret always gives the
 * same keys.
 */
public final class MaskingKeys {

    private static final int FF1_MIN_DIGITS = 6;

    private final SipHash prf;
    private final byte[] fpeKey;
    private final ThreadLocal<FPEFF1Engine> ff1 = ThreadLocal.withInitial(FPEFF1Engine::new);

    /** Keys derived from a secret (any length, at least one character). */
    public MaskingKeys(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the masking secret key is empty");
        }
        this.prf = new SipHash(derive(secret, "petri.masking.prf"));
        this.fpeKey = Arrays.copyOf(derive(secret, "petri.masking.ff1"), 16);
    }

    private static byte[] derive(String secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A keyed pseudo-random 64-bit value for a domain tag, an attempt counter and a value. */
    public long prf(int tag, int attempt, String value) {
        return prf.hash(tag, attempt, value);
    }

    /** A keyed choice in {@code [0, bound)}. */
    public int choose(int tag, int attempt, String value, int bound) {
        return (int) Long.remainderUnsigned(prf(tag, attempt, value), bound);
    }

    /**
     * Encrypts a string of decimal digits to another of the same length: a bijection for each tweak,
     * so distinct inputs stay distinct. Strings shorter than FF1's minimum use a keyed substitution.
     */
    public String digits(String digits, String tweak) {
        int n = digits.length();
        if (n == 0) {
            return digits;
        }
        if (n < FF1_MIN_DIGITS) {
            StringBuilder sb = new StringBuilder(n);
            long h = prf(7, 0, tweak + ':' + digits);
            for (int i = 0; i < n; i++) {
                sb.append((char) ('0' + (int) Long.remainderUnsigned(h >>> (i * 6), 10)));
            }
            return sb.toString();
        }
        byte[] in = new byte[n];
        for (int i = 0; i < n; i++) {
            in[i] = (byte) (digits.charAt(i) - '0');
        }
        byte[] out = new byte[n];
        FPEFF1Engine engine = ff1.get();
        engine.init(true, new FPEParameters(new KeyParameter(fpeKey), 10,
                tweak.getBytes(StandardCharsets.UTF_8)));
        engine.processBlock(in, 0, n, out, 0);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + out[i]);
        }
        return new String(c);
    }
}
