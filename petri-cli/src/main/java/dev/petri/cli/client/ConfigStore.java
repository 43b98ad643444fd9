package dev.petri.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petri.cli.CliException;
import dev.petri.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/** The config file of {@code petri login} ({@code $PETRI_CONFIG} or {@code ~/.config/petri/config.json}), readable by its owner only; {@code PETRI_URL} and {@code PETRI_TOKEN} override it. */
public final class ConfigStore {

    /** Environment variable naming the config file. */
    public static final String CONFIG_ENV = "PETRI_CONFIG";
    /** Environment variable overriding the API URL. */
    public static final String URL_ENV = "PETRI_URL";
    /** Environment variable overriding the token. */
    public static final String TOKEN_ENV = "PETRI_TOKEN";

    private final Path file;
    private final Map<String, String> env;

    public ConfigStore(Map<String, String> env, Path home) {
        this.env = env;
        String configured = env.get(CONFIG_ENV);
        this.file = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : home.resolve(".config").resolve("petri").resolve("config.json");
    }

    /** The config file's path. */
    public Path file() {
        return file;
    }

    /** What the file holds, if it exists. */
    public Optional<CliConfig> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode node = Json.parse(text).filter(JsonNode::isObject).orElseThrow(() ->
                new CliException(ExitCodes.USAGE, file + " is not a JSON object; run 'petri login' again"));
        return Optional.of(new CliConfig(Json.text(node, "url"), Json.text(node, "token")));
    }

    /** The settings in effect: environment variables first, then the file, then the local default URL. */
    public CliConfig effective() {
        Optional<CliConfig> stored = read();
        String url = firstNonBlank(env.get(URL_ENV), stored.map(CliConfig::url).orElse(null), CliConfig.DEFAULT_URL);
        String token = firstNonBlank(env.get(TOKEN_ENV), stored.map(CliConfig::token).orElse(null), null);
        return new CliConfig(url, token);
    }

    /** Writes the file atomically, readable and writable by its owner only (0600). */
    public void write(CliConfig config) {
        ObjectNode node = Json.object();
        node.put("url", config.url());
        node.put("token", config.token());
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = posix
                    ? Files.createTempFile(parent, ".config", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(parent, ".config", ".tmp");
            try {
                Files.writeString(temp, Json.pretty(node) + "\n", StandardCharsets.UTF_8);
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
            if (posix) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String firstNonBlank(String first, String second, String fallback) {
        if (first != null && !first.isBlank()) {
            return first.trim();
        }
        if (second != null && !second.isBlank()) {
            return second.trim();
        }
        return fallback;
    }
}
