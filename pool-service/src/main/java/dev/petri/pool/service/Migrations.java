package dev.petri.pool.service;

import dev.petri.pool.config.PoolConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * The team's schema migrations (a Flyway folder), deployed on every member as its own login; a
 * hash of the folder tells which members were built with older migrations.
 */
@ApplicationScoped
public class Migrations {

    @Inject
    PoolConfig config;

    /** Hash of the migration files, or null when no folder is configured. */
    public String hash() {
        if (config.migrationsDir().isEmpty()) {
            return null;
        }
        Path dir = Path.of(config.migrationsDir().get());
        if (!Files.isDirectory(dir)) {
            return "missing";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            for (Path f : sorted) {
                digest.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deploys the migrations on one database, as its own login; nothing when none are configured. */
    public void apply(String jdbcUrl, String login, String password) {
        if (config.migrationsDir().isEmpty()) {
            return;
        }
        Flyway.configure().dataSource(jdbcUrl, login, password)
                .locations("filesystem:" + config.migrationsDir().get())
                .baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
    }
}
