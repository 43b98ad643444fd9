package dev.petri.cli;

import dev.petri.cli.client.ApiClient;
import dev.petri.cli.client.CliConfig;
import dev.petri.cli.client.ConfigStore;
import dev.petri.cli.command.BuildCommand;
import dev.petri.cli.command.DownCommand;
import dev.petri.cli.command.ExtendCommand;
import dev.petri.cli.command.ImagesCommand;
import dev.petri.cli.command.LoginCommand;
import dev.petri.cli.command.LsCommand;
import dev.petri.cli.command.PolicyCommand;
import dev.petri.cli.command.UpCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code petri} command: disposable databases with masked production data, from the terminal. */
@Command(
        name = "petri",
        mixinStandardHelpOptions = true,
        versionProvider = PetriCli.Version.class,
        description = "Disposable dev/test databases filled with masked production data.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            CommandLine.HelpCommand.class,
            LoginCommand.class,
            ImagesCommand.class,
            BuildCommand.class,
            UpCommand.class,
            LsCommand.class,
            DownCommand.class,
            ExtendCommand.class,
            PolicyCommand.class
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  PETRI_URL      API base URL, default " + CliConfig.DEFAULT_URL,
            "  PETRI_TOKEN    bearer token",
            "                 (both override what 'petri login' saved)",
            "  PETRI_CONFIG   config file (default ~/.config/petri/config.json)",
            "",
            "Example:",
            "  petri login --url https://petri.example.com < token.txt",
            "  eval \"$(petri up demo --format env)\" && psql -c 'select 1'",
            "  petri down \"$PETRI_ENV_ID\""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:usage error, or the API rejected the request as invalid (400, 409, 422)",
            "2:not authenticated (no or bad token, 401) or not allowed (403)",
            "3:not found: no such image or environment (404)",
            "4:not ready in time, or the API is unavailable (503, 429, unreachable)",
            "5:server error (5xx) or an answer the CLI does not understand",
            "6:the environment, or the image build it waited for, failed",
            "7:petri policy check found problems in the policy, or the image does not apply it"
        })
public final class PetriCli implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    public PetriCli(CliContext context) {
        this.context = context;
    }

    /** Runs the real process. */
    public static void main(String[] args) {
        System.exit(run(CliContext.system(), args));
    }

    /** Runs the command line against a context and returns the exit code. */
    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    /** The configured picocli command line: stderr messages and {@link ExitCodes} for every failure. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new PetriCli(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("petri: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            }
            err.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof CliException failure) {
                err.println("petri: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            err.println("petri: unexpected error: " + ex);
            err.flush();
            return ExitCodes.SERVER_ERROR;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
    }

    /** The outside world the commands run in. */
    public CliContext context() {
        return context;
    }

    /** The config file with its environment overrides. */
    public ConfigStore configStore() {
        return new ConfigStore(context.env(), context.home());
    }

    /** A client for the configured API. */
    public ApiClient api() {
        CliConfig config = configStore().effective();
        return new ApiClient(context.http(), config.url(), config.token());
    }

    /** Reads the version from the jar manifest. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PetriCli.class.getPackage().getImplementationVersion();
            return new String[] {"petri " + (version == null ? "dev" : version)};
        }
    }
}
