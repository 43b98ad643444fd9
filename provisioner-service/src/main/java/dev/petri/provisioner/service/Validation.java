package dev.petri.provisioner.service;

import dev.petri.common.PetriException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects field errors of one request and fails with all of them at once. */
public final class Validation {

    /** Image names: lower case, digits and dashes, starting with a letter. */
    public static final Pattern IMAGE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} _.:/#@+-]{0,100}");

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Records an error for a field. */
    public Validation error(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    /** Records an error when a condition does not hold. */
    public Validation check(boolean ok, String field, String message) {
        return ok ? this : error(field, message);
    }

    /** Parses an ISO-8601 duration field within bounds; null when absent or invalid (the error is recorded). */
    public Duration duration(String field, String value, Duration min, Duration max) {
        if (value == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(value);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                error(field, "must be between " + min + " and " + max);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO-8601 duration such as PT8H");
            return null;
        }
    }

    /** Checks a label: at most 100 letters, digits, spaces and {@code _.:/#@+-}. */
    public Validation label(String field, String value) {
        return check(value == null || LABEL.matcher(value).matches(), field,
                "at most 100 letters, digits, spaces and _.:/#@+- characters");
    }

    /** Fails with a 400 problem when any error was recorded. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw PetriException.invalid(errors);
        }
    }

    /** Checks an image name in a path. */
    public static String imageName(String name) {
        if (name == null || !IMAGE_NAME.matcher(name).matches()) {
            throw PetriException.invalid(Map.of("name",
                    "must be 1-40 lower-case letters, digits and dashes, starting with a letter"));
        }
        return name;
    }
}
