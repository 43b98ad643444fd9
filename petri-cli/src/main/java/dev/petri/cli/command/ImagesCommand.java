package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.Json;
import dev.petri.cli.output.ListFormat;
import dev.petri.cli.output.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code petri images}: the images environments can be made from, with build progress. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "List the images environments can be made from, and how their builds are going.")
public final class ImagesCommand implements Callable<Integer> {

    @ParentCommand
    private PetriCli root;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json")
    private ListFormat format;

    @Override
    public Integer call() {
        JsonNode images = Rows.fetchList(root, "/api/images", format, "images", "no images defined yet");
        if (images == null) {
            return ExitCodes.OK;
        }
        PrintWriter out = root.context().out();
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode image : images) {
            String status = Json.text(image, "status");
            String detail = "BUILDING".equals(status) ? Rows.progressBar(image)
                    : "FAILED".equals(status) ? (image.path("error").isObject()
                            ? Json.text(image.path("error"), "detail") : Json.text(image, "error")) : null;
            rows.add(List.of(
                    nullToEmpty(Json.text(image, "name")),
                    nullToEmpty(Json.text(image, "engine")),
                    nullToEmpty(status),
                    nullToEmpty(Json.text(image, "latestReadyVersion")),
                    nullToEmpty(Json.text(image.path("pool"), "size")),
                    nullToEmpty(detail)));
        }
        out.print(Table.render(List.of("NAME", "ENGINE", "STATUS", "READY-VERSION", "POOL", "PROGRESS"), rows));
        out.flush();
        return ExitCodes.OK;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
