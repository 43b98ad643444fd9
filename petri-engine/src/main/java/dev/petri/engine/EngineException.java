package dev.petri.engine;

/** A database operation failed; the message is safe to show (no passwords). */
public class EngineException extends RuntimeException {

    private final String kind;

    public EngineException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public EngineException(String kind, String message) {
        this(kind, message, null);
    }

    /** Stable name of the failure: {@code source-unreachable}, {@code authentication}, {@code clone} ... */
    public String kind() {
        return kind;
    }
}
