package dev.petri.masking.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of masking rules, by stable name. */
public final class Rules {

    private static final Map<String, RuleDescriptor> RULES = new LinkedHashMap<>();

    static {
        for (RuleDescriptor d : List.of(KeepRule.DESCRIPTOR, SetNullRule.DESCRIPTOR, RedactRule.DESCRIPTOR,
                ShapeRule.DESCRIPTOR, PersonNameRule.DESCRIPTOR, EmailRule.DESCRIPTOR, PhoneRule.DESCRIPTOR,
                NationalIdRule.DESCRIPTOR, PaymentCardRule.DESCRIPTOR, IbanRule.DESCRIPTOR, AddressRule.DESCRIPTOR,
                PostcodeRule.DESCRIPTOR, DateOfBirthRule.DESCRIPTOR, IpAddressRule.DESCRIPTOR, FreeTextRule.DESCRIPTOR,
                JsonRule.DESCRIPTOR, UsernameRule.DESCRIPTOR, EmptyRule.DESCRIPTOR, GeoRule.DESCRIPTOR,
                MacAddressRule.DESCRIPTOR, XmlRule.DESCRIPTOR)) {
            RULES.put(d.name(), d);
        }
    }

    private Rules() {
    }

    /** The rule with a name, or null. */
    public static RuleDescriptor byName(String name) {
        return RULES.get(name);
    }

    /** Every rule, in a stable order. */
    public static List<RuleDescriptor> all() {
        return List.copyOf(RULES.values());
    }
}
