package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlServerOptionsTest {

    @Test
    void defaultsToTheLinuxBackupDirectoryAndNoLocalFiles() {
        SqlServerOptions options = SqlServerOptions.fromEnvironment(Map.of());
        assertEquals("/var/opt/mssql/backup", options.backupDirectory());
        assertNull(options.dataDirectory());
        assertNull(options.localDataDirectory());
        assertEquals("encrypt=true;trustServerCertificate=true", options.publicUrlProperties());
    }

    @Test
    void readsLocationsFromTheEnvironment() {
        SqlServerOptions options = SqlServerOptions.fromEnvironment(Map.of("PETRI_MSSQL_BACKUP_DIR", "/backups",
                "PETRI_MSSQL_LOCAL_DATA_DIR", "/mnt/mssql-data", "PETRI_MSSQL_DATA_DIR", " "));
        assertEquals("/backups", options.backupDirectory());
        assertEquals(Path.of("/mnt/mssql-data"), options.localDataDirectory());
        assertNull(options.dataDirectory(), "a blank value counts as unset");
    }

    @Test
    void mapsServerFilesInsideTheDataDirectoryToTheLocalMount() {
        SqlServerOptions options = new SqlServerOptions("/b", null, null, Path.of("/mnt/data"), null, "");
        assertEquals(Path.of("/mnt/data/petri_img_x_v1_1.mdf"),
                options.localPath("/var/opt/mssql/data/petri_img_x_v1_1.mdf", "/var/opt/mssql/data/"));
        assertEquals(Path.of("/mnt/data/sub/a.ndf"), options.localPath("/var/opt/mssql/data/sub/a.ndf", "/var/opt/mssql/data"));
        assertThrows(IllegalArgumentException.class,
                () -> options.localPath("/var/opt/mssql/log/a.ldf", "/var/opt/mssql/data/"));
        assertThrows(IllegalArgumentException.class,
                () -> options.localPath("/var/opt/mssql/data/../../../etc/passwd", "/var/opt/mssql/data/"));
        assertThrows(IllegalArgumentException.class,
                () -> options.localPath("/var/opt/mssql/database/a.mdf", "/var/opt/mssql/data"));
    }
}
