package dev.petri.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An XFS filesystem with reflinks in a sparse file, mounted through a loop device: copy-on-write
 * storage for benchmarks and tests on machines whose own disks have none. Needs root and mkfs.xfs.
 */
public final class XfsLoopMount implements AutoCloseable {

    private final Path imageFile;
    private final Path mountPoint;

    private XfsLoopMount(Path imageFile, Path mountPoint) {
        this.imageFile = imageFile;
        this.mountPoint = mountPoint;
    }

    /** Why a loop mount cannot be made here; the message says what is missing. */
    public static final class Unavailable extends Exception {

        Unavailable(String message) {
            super(message);
        }
    }

    /** Creates a sparse file of the given size in a work directory, formats it XFS with reflink=1 and mounts it. */
    public static XfsLoopMount create(Path workDir, String size) throws Unavailable, IOException {
        if (!Shell.check("id", "-u").equals("0")) {
            throw new Unavailable("a loop mount needs root (this process runs as uid " + Shell.check("id", "-u") + ")");
        }
        String mkfs = mkfsXfs();
        Files.createDirectories(workDir);
        Path image = workDir.resolve("xfs-reflink.img");
        Path mount = workDir.resolve("xfs");
        Shell.run("umount", mount.toString());
        Files.deleteIfExists(image);
        Files.createDirectories(mount);
        Shell.check("truncate", "-s", size, image.toString());
        Shell.Result format = Shell.run(mkfs, "-q", "-f", "-m", "reflink=1", image.toString());
        if (!format.ok()) {
            Files.deleteIfExists(image);
            throw new Unavailable("mkfs.xfs -m reflink=1 failed: " + format.output());
        }
        Shell.Result mounted = Shell.run("mount", "-o", "loop", image.toString(), mount.toString());
        if (!mounted.ok()) {
            Files.deleteIfExists(image);
            throw new Unavailable("mount -o loop failed (no loop devices in this container?): " + mounted.output());
        }
        return new XfsLoopMount(image, mount);
    }

    private static String mkfsXfs() throws Unavailable {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            if (Files.isExecutable(Path.of(dir, "mkfs.xfs"))) {
                return dir + "/mkfs.xfs";
            }
        }
        throw new Unavailable("mkfs.xfs is missing (Debian/Ubuntu: apt-get install -y xfsprogs)");
    }

    /** The mounted directory. */
    public Path dir() {
        return mountPoint;
    }

    /** Unmounts and deletes the backing file. */
    @Override
    public void close() throws IOException {
        Shell.Result r = Shell.run("umount", mountPoint.toString());
        for (int i = 0; i < 10 && !r.ok(); i++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = Shell.run("umount", mountPoint.toString());
        }
        if (!r.ok()) {
            throw new IOException("cannot unmount " + mountPoint + ": " + r.output() + " (backing file " + imageFile
                    + " left in place)");
        }
        Files.deleteIfExists(imageFile);
        Files.deleteIfExists(mountPoint);
    }
}
