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
 * Keys derived from the masking secret: a keyed hash for pseudonym choices and format-preserving
 * encryption of digit strings (an FF1-structured Feistel network; Bouncy Castle FF1 beyond 18 digits);
 * the same secret always gives the same keys.
 */
public final class MaskingKeys {

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
     * so distinct inputs stay distinct. Up to 18 digits this is FF1's Feistel structure (10 rounds,
     * alternating halves, addition modulo 10^m) with a keyed SipHash round function, about a
     * microsecond per value; longer strings use Bouncy Castle's FF1 (NIST SP 800-38G), and strings
     * shorter than 2 digits a keyed substitution.
     */
    public String digits(String digits, String tweak) {
        int n = digits.length();
        if (n == 0) {
            return digits;
        }
        if (n < 2) {
            return String.valueOf((char) ('0' + choose(7, 0, tweak + ':' + digits, 10)));
        }
        if (n <= 18) {
            return feistel(digits, tweak);
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

    /**
     * Encrypts an unsigned integer of {@code bits} bits (2 to 62) to another of the same width: a Feistel network of
     * 10 rounds over its two halves with the keyed SipHash round function, so a bijection for each tweak.
     */
    public long bits(long value, int bits, String tweak) {
        if (bits < 2 || bits > 62 || value >>> bits != 0) {
            throw new IllegalArgumentException("not an unsigned " + bits + "-bit value");
        }
        int u = bits / 2;
        int v = bits - u;
        long a = value >>> v;
        long b = value & ((1L << v) - 1);
        long t = tweak.hashCode() & 0xFFFFFFFFL;
        for (int i = 0; i < 10; i++) {
            int m = (i % 2 == 0) ? u : v;
            long c = (a ^ prf.hash(b, (t << 16) | ((long) (bits | 0x80) << 8) | i)) & ((1L << m) - 1);
            a = b;
            b = c;
        }
        return (a << v) | b;
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private String feistel(String digits, String tweak) {
        int n = digits.length();
        int u = n / 2;
        int v = n - u;
        long a = 0;
        long b = 0;
        for (int i = 0; i < n; i++) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not a string of digits");
            }
            if (i < u) {
                a = a * 10 + d;
            } else {
                b = b * 10 + d;
            }
        }
        long t = tweak.hashCode() & 0xFFFFFFFFL;
        for (int i = 0; i < 10; i++) {
            int m = (i % 2 == 0) ? u : v;
            long y = Long.remainderUnsigned(prf.hash(b, (t << 16) | ((long) n << 8) | i), POW10[m]);
            long c = (a + y) % POW10[m];
            a = b;
            b = c;
        }
        char[] out = new char[n];
        for (int i = u - 1; i >= 0; i--, a /= 10) {
            out[i] = (char) ('0' + a % 10);
        }
        for (int i = n - 1; i >= u; i--, b /= 10) {
            out[i] = (char) ('0' + b % 10);
        }
        return new String(out);
    }
}
