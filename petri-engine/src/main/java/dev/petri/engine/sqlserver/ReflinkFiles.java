package dev.petri.engine.sqlserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Copy-on-write file clones with {@code cp --reflink=always}: they succeed only on a filesystem that
 * shares extents (XFS with reflink, btrfs), and fail rather than fall back to a full copy.
 */
final class ReflinkFiles {

    private static final long TIMEOUT_SECONDS = 120;

    private ReflinkFiles() {
    }

    /** Clones {@code source} into a new file {@code target}, with the source's permissions and, if allowed, owner. */
    static void cloneFile(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new IOException("will not overwrite " + target);
        }
        Process cp = new ProcessBuilder("cp", "--reflink=always", "--", source.toString(), target.toString())
                .redirectErrorStream(true).start();
        try {
            if (!cp.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                cp.destroyForcibly();
                throw new IOException("cp --reflink timed out on " + source);
            }
        } catch (InterruptedException e) {
            cp.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while cloning " + source, e);
        }
        String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (cp.exitValue() != 0) {
            Files.deleteIfExists(target);
            throw new IOException("reflink clone of " + source + " failed: " + output);
        }
        copyOwnership(source, target);
    }

    private static void copyOwnership(Path source, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes attrs = Files.readAttributes(source, PosixFileAttributes.class);
        view.setPermissions(attrs.permissions());
        try {
            view.setGroup(attrs.group());
            view.setOwner(attrs.owner());
        } catch (IOException notPermitted) {
            // The server may still open the file through its group or mode; the attach that follows tells.
            return;
        }
    }

    /** Whether a local directory supports reflink clones: clones a small probe file there and cleans up. */
    static boolean supported(Path directory) {
        Path probe = null;
        Path clone = null;
        try {
            probe = Files.createTempFile(directory, "petri-reflink-probe", ".tmp");
            Files.writeString(probe, "petri");
            clone = probe.resolveSibling(probe.getFileName() + ".clone");
            cloneFile(probe, clone);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            deleteQuietly(clone);
            deleteQuietly(probe);
        }
    }

    /** Deletes a file, ignoring failures (used on cleanup paths). */
    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            return;
        }
    }
}
