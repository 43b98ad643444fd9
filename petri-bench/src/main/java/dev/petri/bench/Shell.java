package dev.petri.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a host command and returns its output; the benchmark's only way to touch filesystems and mounts. */
final class Shell {

    private Shell() {
    }

    /**
     * The result of one command.
     *
     * @param exitCode its exit code
     * @param output   standard output and error, merged
     */
    record Result(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs a command to its end. */
    static Result run(String... command) throws IOException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return new Result(p.waitFor(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + command[0], e);
        }
    }

    /** Runs a command and fails with its output unless it succeeds. */
    static String check(String... command) throws IOException {
        Result r = run(command);
        if (!r.ok()) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.output());
        }
        return r.output();
    }
}
