package dev.petri.masking.rule;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.Validators;
import java.util.EnumSet;
import java.util.List;

/**
 * Replaces a hardware address (MAC, EUI-64) by another of the same vendor, written the same way: the device part
 * (the 24 or 40 bits after the vendor's prefix, the OUI) goes through a keyed permutation, so distinct addresses stay
 * distinct and a unique column stays unique. An address a device made up itself (locally administered: the random
 * addresses phones and laptops use on each network) has no vendor; all of it but its two flag bits is permuted.
 * Separators, grouping and letter case are kept; an address stored as a number stays a number.
 */
public final class MacAddressRule implements MaskingRule {

    private static final int TAG = 25;

    /** {@code mac_address}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("mac_address",
            "keyed permutation of the device part, vendor prefix (OUI), separators and case kept",
            List.of(), EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER, ValueKind.OTHER),
            (ctx, params, target) -> new MacAddressRule(ctx, target.kind() == ValueKind.NUMBER));

    private final RuleContext ctx;
    private final boolean number;

    MacAddressRule(RuleContext ctx, boolean number) {
        this.ctx = ctx;
        this.number = number;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        String t = value.trim();
        if (number && !t.isEmpty() && t.length() <= 20 && Validators.digits(t).length() == t.length()) {
            try {
                long x = Long.parseUnsignedLong(t);
                int width = x >>> 48 == 0 ? 48 : 64;
                return Long.toUnsignedString(permute(x, width));
            } catch (NumberFormatException e) {
                return ctx.scrambleShape(TAG, value);
            }
        }
        String hex = Validators.macDigits(value);
        if (hex == null) {
            return ctx.scrambleShape(TAG, value);
        }
        int width = hex.length() * 4;
        String masked = String.format("%0" + hex.length() + "x", permute(Long.parseUnsignedLong(hex, 16), width));
        boolean upper = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            upper |= c >= 'A' && c <= 'F';
        }
        StringBuilder sb = new StringBuilder(value.length());
        int h = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Validators.hex(c) && h < masked.length()) {
                char m = masked.charAt(h++);
                sb.append(upper ? Character.toUpperCase(m) : m);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The address with its device part permuted, again while the result is an address of the source. */
    private long permute(long x, int width) {
        long out = permuteOnce(x, width);
        for (int a = 1; a < ctx.maxAttempts()
                && ctx.source().match(SensitiveClass.MAC_ADDRESS, String.format("%0" + width / 4 + "x", out)) != null; a++) {
            out = permuteOnce(out, width);
        }
        return out;
    }

    private long permuteOnce(long x, int width) {
        int rest = width - 8;
        long first = x >>> rest;
        if ((first & 0x02) == 0) {
            int device = width - 24;
            long oui = x >>> device;
            return (oui << device) | ctx.keys().bits(x & ((1L << device) - 1), device, "mac:" + oui);
        }
        // locally administered: the first octet's upper six bits and every later bit are permuted, its flags kept
        long restBits = x & ((1L << rest) - 1);
        long enc = ctx.keys().bits(((first >>> 2) << rest) | restBits, width - 2, "mac-local");
        return ((enc >>> rest) << (rest + 2)) | ((first & 0x03) << rest) | (enc & ((1L << rest) - 1));
    }
}
