package dev.petri.cli.client;

import dev.petri.cli.CliException;
import dev.petri.cli.ExitCodes;
import java.time.Duration;
import java.util.Optional;

/** An error answer of the API (an HTTP status of 400 or more), with its problem+json message. */
public final class ApiException extends CliException {

    private final int status;
    private final Duration retryAfter;

    public ApiException(int status, String message, Duration retryAfter) {
        super(ExitCodes.forHttpStatus(status), message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** How long the API asked to wait before trying again ({@code Retry-After}), if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether trying again later may succeed (503 or 429). */
    public boolean retryable() {
        return status == 503 || status == 429;
    }
}
