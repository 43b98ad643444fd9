package dev.petri.masking.detect;

import java.util.Locale;

/** What a column holds, as far as privacy goes; each class has a stable id and a default rule. */
public enum SensitiveClass {
    PERSON_NAME("person_name", "person_name"),
    EMAIL("email", "email"),
    PHONE("phone", "phone"),
    NATIONAL_ID("national_id", "national_id"),
    PAYMENT_CARD("payment_card", "payment_card"),
    IBAN("iban", "iban"),
    ADDRESS("address", "address"),
    POSTCODE("postcode", "postcode"),
    DATE_OF_BIRTH("date_of_birth", "date_of_birth"),
    IP_ADDRESS("ip_address", "ip_address"),
    /** Hardware addresses of network devices (MAC, EUI-64): a phone or laptop is its owner's. */
    MAC_ADDRESS("mac_address", "mac_address"),
    GEO_LOCATION("geo_location", "geo"),
    FREE_TEXT("free_text", "free_text"),
    JSON("json", "json"),
    /** XML documents or fragments with personal data in their elements, attributes or text. */
    XML("xml", "xml"),
    /** User names, logins and handles: they name a person as much as an e-mail address does. */
    USERNAME("username", "username"),
    /** Photos, scans, signatures and documents stored in binary columns: cleared, as no rule can mask inside them. */
    DOCUMENT("document", "set_null"),
    /** Credentials: password hashes, tokens, API and private keys. */
    SECRET("secret", "shape"),
    IDENTIFIER("identifier", "keep"),
    NOT_SENSITIVE("not_sensitive", "keep");

    private final String id;
    private final String defaultRule;

    SensitiveClass(String id, String defaultRule) {
        this.id = id;
        this.defaultRule = defaultRule;
    }

    /** The stable id used in policies and reports. */
    public String id() {
        return id;
    }

    /** The rule that masks this class unless a policy says otherwise. */
    public String defaultRule() {
        return defaultRule;
    }

    /** Whether values of this class must never reach a dev database unmasked. */
    public boolean sensitive() {
        return this != IDENTIFIER && this != NOT_SENSITIVE;
    }

    /** The class with an id, or null. */
    public static SensitiveClass byId(String id) {
        if (id == null) {
            return null;
        }
        String n = id.trim().toLowerCase(Locale.ROOT);
        for (SensitiveClass c : values()) {
            if (c.id.equals(n)) {
                return c;
            }
        }
        return null;
    }
}
