package dev.petri.engine;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names of the databases and logins Petri creates: prefixed, so Petri only ever touches its own. */
public final class DbNames {

    /** Every database Petri creates starts with this. */
    public static final String PREFIX = "petri_";
    private static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern SAFE_MARKER = Pattern.compile("[a-z0-9:_.-]{1,200}");

    private DbNames() {
    }

    /** The staging database of an image build. */
    public static String staging(String image, int version) {
        return check(PREFIX + "stg_" + image.replace('-', '_') + "_v" + version);
    }

    /** The private database a backup file is restored into before it is masked. */
    public static String restore(String image, int version) {
        return check(PREFIX + "rst_" + image.replace('-', '_') + "_v" + version);
    }

    /** The database of an image version. */
    public static String image(String image, int version) {
        return check(PREFIX + "img_" + image.replace('-', '_') + "_v" + version);
    }

    /** The database of a pool member. */
    public static String member(String memberId) {
        return check(PREFIX + "env_" + memberId.replace("-", "").toLowerCase(Locale.ROOT));
    }

    /** The login of a pool member. */
    public static String login(String memberId) {
        return check(PREFIX + "u_" + memberId.replace("-", "").toLowerCase(Locale.ROOT));
    }

    /** Fails unless a name is a plain lower-case identifier (never needs quoting, cannot inject). */
    public static String check(String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + name);
        }
        return name;
    }

    /**
     * Fails unless a database marker ({@code petri:member:<id>}) is short and made of lower-case letters, digits and
     * {@code :_.-}, so that every engine can write it as a plain literal.
     */
    public static String checkMarker(String marker) {
        if (marker == null || !SAFE_MARKER.matcher(marker).matches()) {
            throw new IllegalArgumentException("not a safe marker: " + marker);
        }
        return marker;
    }
}
