package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReflinkFilesTest {

    @TempDir
    Path dir;

    @Test
    void clonesAFileOrFailsWithoutLeavingAPartialCopy() throws IOException {
        Path source = Files.writeString(dir.resolve("image_1.mdf"), "pages");
        Path target = dir.resolve("env_1.mdf");
        boolean supported = ReflinkFiles.supported(dir);
        if (supported) {
            ReflinkFiles.cloneFile(source, target);
            assertEquals("pages", Files.readString(target));
        } else {
            assertThrows(IOException.class, () -> ReflinkFiles.cloneFile(source, target));
            assertFalse(Files.exists(target), "no full copy is made when reflinks are not supported");
        }
        try (var files = Files.list(dir)) {
            assertEquals(supported ? 2 : 1, files.count(), "the probe leaves nothing behind");
        }
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
        Path source = Files.writeString(dir.resolve("a.mdf"), "a");
        Path target = Files.writeString(dir.resolve("b.mdf"), "b");
        assertThrows(IOException.class, () -> ReflinkFiles.cloneFile(source, target));
        assertEquals("b", Files.readString(target));
    }
}
