package dev.petri.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Runs the petri command in-process with a chosen environment, stdin and clock, capturing its output. */
public final class CliRun {

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private String stdin = "";
    private boolean interactive;
    private Clock clock = Clock.systemUTC();

    public CliRun(Path home) {
        this.home = home;
        env.put("PETRI_CONFIG", home.resolve("config.json").toString());
    }

    /** Sets an environment variable. */
    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Feeds standard input. */
    public CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Pretends stderr is a terminal. */
    public CliRun interactive() {
        this.interactive = true;
        return this;
    }

    /** Uses a fixed clock. */
    public CliRun clock(Clock fixed) {
        this.clock = fixed;
        return this;
    }

    /** The config file of this run. */
    public Path configFile() {
        return Path.of(env.get("PETRI_CONFIG"));
    }

    /** Runs {@code petri args...}. */
    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(
                Map.copyOf(env),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                interactive,
                null,
                home,
                clock,
                Duration.ofMillis(10),
                HttpClient.newHttpClient());
        int code = PetriCli.run(context, args);
        return new Result(code, out.toString(), err.toString());
    }
}
