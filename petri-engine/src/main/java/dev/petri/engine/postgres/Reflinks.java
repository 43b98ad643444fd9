package dev.petri.engine.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Tests whether a directory's filesystem makes reflink (copy-on-write) copies. */
public final class Reflinks {

    private Reflinks() {
    }

    /** True when {@code cp --reflink=always} succeeds inside the directory; false when it fails or cannot run. */
    public static boolean supported(Path directory) {
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            return false;
        }
        Path probe = null;
        Path copy = null;
        try {
            probe = Files.createTempFile(directory, ".petri-reflink-probe", "");
            Files.write(probe, new byte[64 * 1024]);
            copy = probe.resolveSibling(probe.getFileName() + ".copy");
            Process cp = new ProcessBuilder("cp", "--reflink=always", probe.toString(), copy.toString())
                    .redirectErrorStream(true).start();
            cp.getInputStream().readAllBytes();
            return cp.waitFor(10, TimeUnit.SECONDS) && cp.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteQuietly(copy);
            deleteQuietly(probe);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover probe file of 64 KiB is harmless
            }
        }
    }
}
