package dev.petri.common;

import java.util.Map;

/**
 * Root of the errors a Petri service turns into a problem+json answer. The message is shown to
 * the caller, so it never holds a secret.
 */
public class PetriException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, String> errors;

    public PetriException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public PetriException(int status, String type, String title, String detail, Map<String, String> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, String> errors() {
        return errors;
    }

    /** 400: the request is malformed or a field is invalid. */
    public static PetriException badRequest(String detail) {
        return new PetriException(400, "bad-request", "The request is not valid", detail);
    }

    /** 400 with per-field messages. */
    public static PetriException invalid(Map<String, String> errors) {
        return new PetriException(400, "validation", "Some fields are not valid",
                String.join("; ", errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()),
                errors);
    }

    /** 404: the named thing does not exist (or is not visible to the caller). */
    public static PetriException notFound(String what) {
        return new PetriException(404, "not-found", "Not found", what);
    }

    /** 409: the request conflicts with the current state. */
    public static PetriException conflict(String detail) {
        return new PetriException(409, "conflict", "Conflict with the current state", detail);
    }
}
