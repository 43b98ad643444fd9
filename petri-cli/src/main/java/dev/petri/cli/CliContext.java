package dev.petri.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the commands take from the outside world, so that tests can run them in-process.
 *
 * @param env environment variables
 * @param stdin standard input (a token piped to {@code petri login})
 * @param out standard output: only results, so that scripts can capture them
 * @param err standard error: messages and progress
 * @param interactiveErr whether stderr is a terminal (spinner) or not (plain lines)
 * @param console the terminal to prompt for a token on, or null
 * @param home the user's home directory
 * @param clock the clock for elapsed and remaining times
 * @param pollInterval how often to ask the API while waiting
 * @param http the HTTP client
 */
public record CliContext(
        Map<String, String> env,
        InputStream stdin,
        PrintWriter out,
        PrintWriter err,
        boolean interactiveErr,
        Console console,
        Path home,
        Clock clock,
        Duration pollInterval,
        HttpClient http) {

    /** The context of a real process: its environment, streams and terminal. */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(
                env,
                System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                stderrIsTerminal(env),
                System.console(),
                Path.of(System.getProperty("user.home")),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build());
    }

    private static boolean stderrIsTerminal(Map<String, String> env) {
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
