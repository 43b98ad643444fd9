package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Replaces an IP address by a keyed one in a private range: IPv4 in 10.0.0.0/8, IPv6 in fd00::/8. */
public final class IpAddressRule implements MaskingRule {

    private static final int TAG = 10;

    /** {@code ip_address}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("ip_address",
            "keyed address in a private range (10/8, fd00::/8)", List.of(), EnumSet.of(ValueKind.TEXT, ValueKind.OTHER),
            (ctx, params, target) -> new IpAddressRule(ctx));

    private final RuleContext ctx;

    IpAddressRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        long h = ctx.keys().prf(TAG, 0, value.trim().toLowerCase(Locale.ROOT));
        String suffix = value.contains("/") ? value.substring(value.indexOf('/')) : "";
        if (value.contains(":")) {
            return String.format("fd%02x:%x:%x:%x::%x", h & 0xFF, (h >>> 8) & 0xFFFF, (h >>> 24) & 0xFFFF,
                    (h >>> 40) & 0xFFFF, 1 + ((h >>> 56) & 0xFE)) + suffix;
        }
        return "10." + ((h >>> 8) & 0xFF) + "." + ((h >>> 16) & 0xFF) + "." + (1 + ((h >>> 24) & 0xFD)) + suffix;
    }
}
