package dev.petri.cli.command;

import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.ApiClient;
import dev.petri.cli.client.ApiResponse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code petri down ID}: releases an environment; its database is dropped and its credentials revoked. */
@Command(name = "down", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Release an environment: its database is dropped and its credentials revoked.")
public final class DownCommand implements Callable<Integer> {

    @ParentCommand
    private PetriCli root;

    @Parameters(index = "0", paramLabel = "ID", description = "the environment id (see 'petri ls')")
    private String id;

    @Override
    public Integer call() {
        ApiResponse response = root.api().delete("/api/environments/" + ApiClient.segment(id));
        PrintWriter out = root.context().out();
        out.println(response.status() == 202
                ? "Release of environment " + id + " requested."
                : "Released environment " + id + ".");
        out.flush();
        return ExitCodes.OK;
    }
}
