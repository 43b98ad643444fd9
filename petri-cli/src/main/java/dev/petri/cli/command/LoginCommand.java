package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.CliContext;
import dev.petri.cli.CliException;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.ApiClient;
import dev.petri.cli.client.ApiException;
import dev.petri.cli.client.CliConfig;
import dev.petri.cli.client.ConfigStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code petri login}: checks a token against the API and stores it with the URL, readable by the owner only. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Check a token against the API and save URL and token in the config file (mode 0600).",
            "The token comes from --token, PETRI_TOKEN, or stdin (a prompt on a terminal)."
        })
public final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    private PetriCli root;

    @Option(names = "--url", paramLabel = "URL", description = "API base URL (default: PETRI_URL, the saved URL, or "
            + CliConfig.DEFAULT_URL + ")")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the token (prefer PETRI_TOKEN or stdin: they stay out of shell history)")
    private String token;

    @Override
    public Integer call() {
        CliContext context = root.context();
        ConfigStore store = root.configStore();
        Optional<CliConfig> stored = readQuietly(store);
        String apiUrl = first(url, context.env().get(ConfigStore.URL_ENV), stored.map(CliConfig::url).orElse(null));
        if (apiUrl == null) {
            apiUrl = CliConfig.DEFAULT_URL;
        }
        String apiToken = first(token, context.env().get(ConfigStore.TOKEN_ENV), null);
        if (apiToken == null) {
            apiToken = readToken(context, apiUrl);
        }
        if (apiToken == null || apiToken.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "no token given: pass --token, set PETRI_TOKEN or pipe it on stdin");
        }
        ApiClient api = new ApiClient(context.http(), apiUrl, apiToken);
        JsonNode images;
        try {
            images = api.get("/api/images").json();
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw new CliException(ExitCodes.NOT_AUTHENTICATED,
                        "the API at " + api.baseUrl() + " rejected this token (401); nothing was saved");
            }
            throw e;
        }
        store.write(new CliConfig(api.baseUrl(), apiToken));
        context.out().println("Logged in to " + api.baseUrl() + " (" + images.size() + " image"
                + (images.size() == 1 ? "" : "s") + " visible); saved to " + store.file());
        context.out().flush();
        return ExitCodes.OK;
    }

    private static Optional<CliConfig> readQuietly(ConfigStore store) {
        try {
            return store.read();
        } catch (CliException e) {
            return Optional.empty();
        }
    }

    private static String readToken(CliContext context, String apiUrl) {
        if (context.console() != null) {
            char[] typed = context.console().readPassword("Petri token for %s: ", apiUrl);
            return typed == null ? null : new String(typed).trim();
        }
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    return line.trim();
                }
            }
            return null;
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the token from stdin: " + e.getMessage(), e);
        }
    }

    private static String first(String a, String b, String c) {
        for (String value : new String[] {a, b, c}) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
