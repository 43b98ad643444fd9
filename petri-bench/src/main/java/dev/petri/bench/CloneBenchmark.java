package dev.petri.bench;

import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.engine.CloneMethod;
import dev.petri.engine.CloneResult;
import dev.petri.engine.EngineHost;
import dev.petri.engine.postgres.PostgresEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Measures how long {@code PostgresEngine.cloneDatabase} takes for images of growing size, and how much
 * disk each clone adds, on the default filesystem and on an XFS reflink loop mount it creates; compares
 * plain clones with {@code cp -r} of the same database directory. Run it with {@code bench/clones.sh}.
 */
public final class CloneBenchmark {

    private static final String CLONE = "bench_clone";

    private final List<String> sizes;
    private final int repeat;
    private final List<Row> rows = new ArrayList<>();

    private CloneBenchmark(List<String> sizes, int repeat) {
        this.sizes = sizes;
        this.repeat = repeat;
    }

    /**
     * One measured image size on one filesystem; times are medians over the repeats.
     *
     * @param storage      which storage: default or xfs-reflink
     * @param fsType       the filesystem type
     * @param method       the clone method the engine detected
     * @param image        the nominal image size
     * @param imageBytes   the image's size on disk
     * @param cloneMillis  every clone's wall time
     * @param cpMillis     every {@code cp -r}'s wall time
     * @param dfAddedBytes median growth of the filesystem's used bytes per clone
     * @param duCloneBytes median allocated bytes of the clone's directory ({@code du}; shared extents counted in full)
     */
    record Row(String storage, String fsType, CloneMethod method, String image, long imageBytes,
               List<Long> cloneMillis, List<Long> cpMillis, long dfAddedBytes, long duCloneBytes) {

        long cloneMedian() {
            return median(cloneMillis);
        }

        long cpMedian() {
            return median(cpMillis);
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of("/tmp/petri-bench");
        List<String> sizes = List.of("10MB", "1GB", "5GB");
        int repeat = 3;
        String xfsSize = "20G";
        boolean reflink = true;
        boolean plain = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--sizes" -> sizes = Arrays.asList(args[++i].split(","));
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--xfs-size" -> xfsSize = args[++i];
                case "--only-default" -> reflink = false;
                case "--only-reflink" -> plain = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --work DIR --sizes 10MB,1GB,5GB --repeat N --xfs-size 20G --only-default --only-reflink)");
            }
        }
        Files.createDirectories(work);
        System.out.println("Clone benchmark: images " + String.join(", ", sizes) + ", " + repeat
                + " clones each, work directory " + work);
        System.out.println(Shell.check("df", "-h", work.toString()));
        System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim() + " ("
                + Runtime.getRuntime().availableProcessors() + " cores); PostgreSQL " + "18 embedded, fsync off");
        CloneBenchmark bench = new CloneBenchmark(sizes, repeat);
        if (plain) {
            Path dir = work.resolve("default");
            try {
                bench.run("default", dir);
            } finally {
                Shell.run("rm", "-rf", dir.toString());
            }
        }
        if (reflink) {
            try (XfsLoopMount xfs = XfsLoopMount.create(work, xfsSize)) {
                bench.run("xfs-reflink", xfs.dir());
            } catch (XfsLoopMount.Unavailable e) {
                System.out.println("(b) xfs-reflink skipped: " + e.getMessage());
            }
        }
        System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        bench.report();
    }

    private void run(String storage, Path dir) throws IOException, SQLException {
        Files.createDirectories(dir);
        String fsType = Filesystems.type(dir);
        Path data = dir.resolve("pgdata");
        String password = "bench" + UUID.randomUUID().toString().replace("-", "");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0, password, false)) {
            PostgresEngine engine = new PostgresEngine(new EngineHost("bench", "postgres", server.jdbcUrl("postgres"),
                    EmbeddedPostgresServer.SUPERUSER, password, "127.0.0.1", server.port(), 100));
            CloneMethod method = engine.detectCloneMethod();
            System.out.printf("%n[%s] %s on %s (%s): the engine detected %s%n", storage, data, fsType,
                    Shell.check("df", "-h", "--output=source,size,avail", dir.toString()).replace('\n', ' '), method);
            for (String size : sizes) {
                rows.add(measure(storage, fsType, method, size, server, engine, dir, data));
            }
        }
    }

    private Row measure(String storage, String fsType, CloneMethod method, String size, EmbeddedPostgresServer server,
                        PostgresEngine engine, Path dir, Path data) throws IOException, SQLException {
        String image = "bench_img_" + size.toLowerCase(Locale.ROOT);
        long start = System.nanoTime();
        ImageData.Filled filled = ImageData.create(server, image, parseBytes(size));
        engine.sealAsImage(image);
        System.out.printf("[%s] image %s: %s on disk, %,d rows, generated in %.1f s%n", storage, size,
                human(filled.bytes()), filled.rows(), (System.nanoTime() - start) / 1e9);
        Path imageDir = data.resolve("base").resolve(String.valueOf(oid(server, image)));
        List<Long> clones = new ArrayList<>();
        List<Long> copies = new ArrayList<>();
        List<Long> dfAdded = new ArrayList<>();
        List<Long> duClone = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Filesystems.sync(dir);
            long before = Filesystems.usedBytes(dir);
            CloneResult clone = engine.cloneDatabase(image, CLONE);
            Filesystems.sync(dir);
            dfAdded.add(Filesystems.usedBytes(dir) - before);
            clones.add(clone.millis());
            Path cloneDir = data.resolve("base").resolve(String.valueOf(oid(server, CLONE)));
            duClone.add(Long.parseLong(Shell.check("du", "-s", "-B1", cloneDir.toString()).split("\\s+")[0]));
            if (i == 0) {
                checkClone(server, filled.rows());
            }
            engine.dropDatabase(CLONE);
            Filesystems.sync(dir);

            Path copy = dir.resolve("cp-copy");
            long t0 = System.nanoTime();
            Shell.check("cp", "-r", imageDir.toString(), copy.toString());
            copies.add((System.nanoTime() - t0) / 1_000_000);
            Shell.check("rm", "-rf", copy.toString());
            Filesystems.sync(dir);
            System.out.printf("[%s] image %s clone %d: %d ms (%s), cp -r %d ms, filesystem +%s%n", storage, size, i + 1,
                    clone.millis(), clone.method(), copies.get(i), human(dfAdded.get(i)));
        }
        engine.dropDatabase(image);
        return new Row(storage, fsType, method, size, filled.bytes(), clones, copies, median(dfAdded), median(duClone));
    }

    /** Fails unless the clone holds every row of the image. */
    private static void checkClone(EmbeddedPostgresServer server, long rows) throws SQLException {
        try (Connection c = server.connect(CLONE); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), max(id) FROM items WHERE id > " + (rows - 1000))) {
            rs.next();
            if (rs.getLong(1) != 1000 || rs.getLong(2) != rows) {
                throw new IllegalStateException("the clone does not hold the image's rows");
            }
        }
    }

    private static long oid(EmbeddedPostgresServer server, String database) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT oid FROM pg_database WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void report() {
        System.out.println();
        System.out.println("Clone times are medians of " + repeat + " clones (PostgresEngine.cloneDatabase: connect,"
                + " CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY, REVOKE); cp -r copies the image's directory.");
        String header = String.format("%-12s %-10s %-18s %-6s %10s %10s %34s %9s %9s %12s %10s %12s",
                "storage", "fs", "clone method", "image", "on disk", "clone ms", "(all clones, ms)", "cp -r ms",
                "clone/cp", "df added", "added/img", "du of clone");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (Row r : rows) {
            System.out.printf("%-12s %-10s %-18s %-6s %10s %10d %34s %9d %9.2f %12s %9.2f%% %12s%n", r.storage(),
                    r.fsType(), r.method(), r.image(), human(r.imageBytes()), r.cloneMedian(), r.cloneMillis().toString(),
                    r.cpMedian(), ratio(r.cloneMedian(), r.cpMedian()), human(r.dfAddedBytes()),
                    100.0 * r.dfAddedBytes() / r.imageBytes(), human(r.duCloneBytes()));
        }
        System.out.println();
        for (String storage : rows.stream().map(Row::storage).distinct().toList()) {
            List<Row> mine = rows.stream().filter(r -> r.storage().equals(storage)).toList();
            Row smallest = mine.get(0);
            Row largest = mine.get(mine.size() - 1);
            double growth = ratio(largest.cloneMedian(), smallest.cloneMedian());
            System.out.printf("%s: clone %s / clone %s = %.2f (image sizes %.0f x)%n", storage, largest.image(),
                    smallest.image(), growth, (double) largest.imageBytes() / smallest.imageBytes());
            if (smallest.method() == CloneMethod.REFLINK_CLONE) {
                long slowest = mine.stream().mapToLong(Row::cloneMedian).max().orElse(0);
                double addedPct = mine.stream().mapToDouble(r -> 100.0 * r.dfAddedBytes() / r.imageBytes()).max()
                        .orElse(0);
                System.out.printf("  target: every clone <= 200 ms: %s (slowest median %d ms)%n",
                        verdict(slowest <= 200), slowest);
                System.out.printf("  target: ratio <= 1.5: %s (%.2f)%n", verdict(growth <= 1.5), growth);
                System.out.printf("  target: disk added < 1%% of the image: %s (largest %.3f%%)%n",
                        verdict(addedPct < 1.0), addedPct);
            } else {
                for (Row r : mine) {
                    double vsCp = ratio(r.cloneMedian(), r.cpMedian());
                    System.out.printf("  target: clone of %s within 1.3 x cp -r: %s (%.2f x)%n", r.image(),
                            verdict(vsCp <= 1.3), vsCp);
                }
            }
        }
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static double ratio(long a, long b) {
        return (double) a / Math.max(1, b);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Bytes from a size like {@code 10MB}, {@code 1GB} or {@code 512KB} (binary units). */
    static long parseBytes(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        long unit = s.endsWith("GB") ? 1L << 30 : s.endsWith("MB") ? 1L << 20 : s.endsWith("KB") ? 1L << 10 : 1;
        String digits = unit == 1 ? s : s.substring(0, s.length() - 2);
        return Long.parseLong(digits) * unit;
    }

    static String human(long bytes) {
        double b = Math.abs(bytes);
        String sign = bytes < 0 ? "-" : "";
        if (b >= 1L << 30) {
            return String.format("%s%.2f GiB", sign, b / (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format("%s%.1f MiB", sign, b / (1L << 20));
        }
        return String.format("%s%.0f KiB", sign, b / 1024);
    }
}
