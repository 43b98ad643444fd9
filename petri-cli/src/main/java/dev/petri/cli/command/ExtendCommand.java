package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petri.cli.DurationConverter;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.ApiClient;
import dev.petri.cli.client.ApiResponse;
import dev.petri.cli.client.Json;
import dev.petri.cli.output.ListFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code petri extend ID DURATION}: gives an environment more time to live, within the configured maximum. */
@Command(name = "extend", mixinStandardHelpOptions = true,
        description = "Give an environment more time to live (bounded by the server's maximum).")
public final class ExtendCommand implements Callable<Integer> {

    @ParentCommand
    private PetriCli root;

    @Parameters(index = "0", paramLabel = "ID", description = "the environment id (see 'petri ls')")
    private String id;

    @Parameters(index = "1", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long: 30m, 2h, 1d, 1h30m or ISO-8601 like PT2H")
    private Duration ttl;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default: one line) or json (the environment)")
    private ListFormat format;

    @Override
    public Integer call() {
        ObjectNode body = Json.object();
        body.put("ttl", ttl.toString());
        ApiResponse response = root.api().post("/api/environments/" + ApiClient.segment(id) + "/extend", body);
        PrintWriter out = root.context().out();
        if (format == ListFormat.JSON) {
            out.println(response.body().strip());
        } else {
            JsonNode environment = Json.parse(response.body()).orElse(Json.object());
            String expiresAt = Json.text(environment, "expiresAt");
            out.println(expiresAt == null
                    ? "Extended environment " + id + " (ttl " + ttl + ")."
                    : "Environment " + id + " now expires at " + expiresAt + " ("
                            + Rows.until(expiresAt, root.context().clock().instant()) + ").");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
