package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petri.cli.CliException;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.ApiClient;
import dev.petri.cli.client.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code petri policy get|apply|check}: an image's masking policy in source control. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Get an image's proposed masking policy, apply a committed one, or check it (fails a pipeline with"
                + " exit 7).",
        subcommands = {PolicyCommand.Get.class, PolicyCommand.Apply.class, PolicyCommand.Check.class})
public final class PolicyCommand implements Callable<Integer> {

    /** Exit code of a policy check that found problems. */
    public static final int CHECK_FAILED = ExitCodes.POLICY_CHECK_FAILED;

    @ParentCommand
    PetriCli root;

    @Override
    public Integer call() {
        throw new CliException(ExitCodes.USAGE, "say 'petri policy get IMAGE', 'petri policy apply FILE --image IMAGE'"
                + " or 'petri policy check IMAGE FILE'");
    }

    /** Prints the policy proposed by the image's latest classification, as YAML to commit. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Print the policy proposed by the image's latest classification (YAML, to review and commit).")
    static final class Get implements Callable<Integer> {

        @ParentCommand
        PolicyCommand parent;

        @Parameters(index = "0", paramLabel = "IMAGE")
        String image;

        @Override
        public Integer call() {
            JsonNode proposal = parent.root.api().get("/api/images/" + ApiClient.segment(image) + "/policy").json();
            PrintWriter out = parent.root.context().out();
            out.print(proposal.path("yaml").asText());
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Applies a policy file to an image: it becomes the image's policy, and a change starts a build. */
    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Apply a policy file to an image (admins): it becomes the policy its builds use; a change"
                    + " starts a build, the same file again changes nothing.")
    static final class Apply implements Callable<Integer> {

        @ParentCommand
        PolicyCommand parent;

        @Parameters(index = "0", paramLabel = "FILE", description = "the policy file (YAML)")
        Path file;

        @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "the image to apply it to")
        String image;

        @Override
        public Integer call() {
            ObjectNode body = Json.object().put("yaml", read(file));
            JsonNode result = parent.root.api().put("/api/images/" + ApiClient.segment(image) + "/policy", body).json();
            PrintWriter out = parent.root.context().out();
            out.println(result.path("changed").asBoolean()
                    ? "policy applied to " + image + ": a new build starts"
                    : "policy unchanged for " + image + ": it applies this file already; no build");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Checks a policy file: exit 0 when it passes, 7 with the problems listed when it does not. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a policy file against the image's classification: exit 0 when it passes, 7 when a"
                    + " column is unclassified or missing, a sensitive column has no rule, or a listed column is gone.")
    static final class Check implements Callable<Integer> {

        @ParentCommand
        PolicyCommand parent;

        @Parameters(index = "0", paramLabel = "IMAGE")
        String image;

        @Parameters(index = "1", paramLabel = "FILE", description = "the policy file (YAML)")
        Path file;

        @Option(names = "--require-applied", description = "fail also when the image does not apply this file (a"
                + " pipeline on the main branch: the builds mask with the file it checks); by default a file not"
                + " applied yet (a change in a pull request) is checked on its own and only noted")
        boolean requireApplied;

        @Override
        public Integer call() {
            ObjectNode body = Json.object().put("yaml", read(file));
            JsonNode result = parent.root.api().post("/api/images/" + ApiClient.segment(image) + "/policy/check"
                    + (requireApplied ? "?requireApplied=true" : ""), body).json();
            PrintWriter out = parent.root.context().out();
            if (result.path("passed").asBoolean()) {
                out.println("policy check passed for " + image + " (version " + result.path("version").asText() + ")"
                        + (result.path("applied").asBoolean(true) ? ""
                        : "; the image does not apply this file yet: 'petri policy apply " + file + " --image "
                        + image + "'"));
                out.flush();
                return ExitCodes.OK;
            }
            PrintWriter err = parent.root.context().err();
            err.println("policy check failed for " + image + ":");
            for (JsonNode p : result.path("problems")) {
                err.println("  " + (p.hasNonNull("column") ? p.path("schema").asText() + "." + p.path("table").asText()
                        + "." + p.path("column").asText() + ": " : "") + p.path("problem").asText());
            }
            err.flush();
            return CHECK_FAILED;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
