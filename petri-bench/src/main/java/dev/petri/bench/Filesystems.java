package dev.petri.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark needs to know about a filesystem: its type, its used bytes, and a way to flush it. */
public final class Filesystems {

    private Filesystems() {
    }

    /** The filesystem type as {@code stat -f} names it, e.g. {@code xfs}, {@code btrfs}, {@code ext2/ext3}. */
    public static String type(Path dir) throws IOException {
        return Shell.check("stat", "-f", "-c", "%T", dir.toString());
    }

    /** Whether a filesystem type is one that never makes reflinks. */
    public static boolean neverReflinks(String type) {
        return type.startsWith("ext") || type.equals("tmpfs") || type.equals("overlayfs");
    }

    /** Bytes in use on the filesystem holding a directory (what {@code df} reports as used). */
    public static long usedBytes(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        return store.getTotalSpace() - store.getUnallocatedSpace();
    }

    /** Writes the filesystem's dirty data out, so that used bytes and the next timing start clean. */
    public static void sync(Path dir) throws IOException {
        Shell.check("sync", "-f", dir.toString());
    }
}
