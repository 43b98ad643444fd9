package dev.petri.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reflink detection must answer what the filesystem really does, and never leave probe files. */
class ReflinksTest {

    @Test
    void answersWhatCpReflinkAlwaysSaysAndLeavesNothingBehind() throws Exception {
        Path dir = Files.createTempDirectory("reflink-test");
        Path a = Files.write(dir.resolve("a"), new byte[4096]);
        Process cp = new ProcessBuilder("cp", "--reflink=always", a.toString(), dir.resolve("b").toString())
                .redirectErrorStream(true).start();
        cp.getInputStream().readAllBytes();
        boolean expected = cp.waitFor() == 0;
        Files.deleteIfExists(dir.resolve("b"));
        Files.delete(a);

        assertEquals(expected, Reflinks.supported(dir));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no probe file is left");
        }
        Files.delete(dir);
    }

    @Test
    void aMissingDirectoryHasNoReflinks() throws IOException {
        assertFalse(Reflinks.supported(Path.of("/nonexistent/petri")));
    }
}
