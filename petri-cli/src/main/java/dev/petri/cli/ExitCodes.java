package dev.petri.cli;

/** The exit codes of the petri command, stable so that scripts can rely on them. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Bad arguments, a request the API rejected as invalid (400, 409, 422), or a local problem. */
    public static final int USAGE = 1;
    /** No valid token (401) or not allowed (403). */
    public static final int NOT_AUTHENTICATED = 2;
    /** The image or environment does not exist (404). */
    public static final int NOT_FOUND = 3;
    /** Not ready in time, or the API is unavailable (503, 429, unreachable). */
    public static final int UNAVAILABLE = 4;
    /** The API failed (5xx) or answered something the CLI cannot understand. */
    public static final int SERVER_ERROR = 5;
    /** The environment or the image build it waited for failed. */
    public static final int FAILED = 6;
    /** {@code petri policy check} found problems in the policy. */
    public static final int POLICY_CHECK_FAILED = 7;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status. */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 400, 409, 422 -> USAGE;
            case 401, 403 -> NOT_AUTHENTICATED;
            case 404, 410 -> NOT_FOUND;
            case 408, 429, 502, 503, 504 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? USAGE : SERVER_ERROR;
        };
    }
}
