package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.Json;
import dev.petri.cli.output.ListFormat;
import dev.petri.cli.output.Table;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code petri ls}: my environments (all of them, for admins). */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
        description = "List your environments (all environments, for admins).")
public final class LsCommand implements Callable<Integer> {

    @ParentCommand
    private PetriCli root;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json")
    private ListFormat format;

    @Override
    public Integer call() {
        JsonNode environments = Rows.fetchList(root, "/api/environments", format, "environments", "no environments; get one with 'petri up'");
        if (environments == null) {
            return ExitCodes.OK;
        }
        PrintWriter out = root.context().out();
        Instant now = root.context().clock().instant();
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode environment : environments) {
            List<String> row = new ArrayList<>();
            row.add(Json.text(environment, "id"));
            row.add(Json.text(environment, "image"));
            row.add(Json.text(environment, "imageVersion"));
            row.add(Json.text(environment, "status"));
            row.add(Json.text(environment, "label"));
            row.add(Rows.until(Json.text(environment, "expiresAt"), now));
            rows.add(row);
        }
        out.print(Table.render(List.of("ID", "IMAGE", "VERSION", "STATUS", "LABEL", "EXPIRES"), rows));
        out.flush();
        return ExitCodes.OK;
    }
}
