package dev.petri.cli;

/** A failure the CLI reports as one message on stderr and an exit code. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure, one of {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
