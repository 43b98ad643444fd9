package dev.petri.common;

/** A 503 that tells the caller when to try again. */
public class RetryableException extends PetriException {

    private final long retryAfterSeconds;

    public RetryableException(String type, String title, String detail, long retryAfterSeconds) {
        super(503, type, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
