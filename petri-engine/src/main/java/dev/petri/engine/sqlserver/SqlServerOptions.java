package dev.petri.engine.sqlserver;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a SQL Server host keeps its files, as the server sees them and, for copy-on-write clones, as
 * Petri sees them.
 *
 * @param backupDirectory      server directory for image backups (shared by every clone by restore)
 * @param dataDirectory        server directory for data files; null asks the server for its default
 * @param logDirectory         server directory for log files; null asks the server for its default
 * @param localDataDirectory   the server's data directory mounted where Petri runs; null when Petri
 *                             cannot reach the files (then clones are restored from backups)
 * @param localBackupDirectory the backup directory mounted where Petri runs, to delete an image's
 *                             backup when the image is dropped; null keeps backups
 * @param publicUrlProperties  properties appended to developers' JDBC URLs
 */
public record SqlServerOptions(String backupDirectory, String dataDirectory, String logDirectory,
                               Path localDataDirectory, Path localBackupDirectory, String publicUrlProperties) {

    /** The backup directory of SQL Server's Linux images. */
    public static final String DEFAULT_BACKUP_DIRECTORY = "/var/opt/mssql/backup";
    /** Developers' URLs accept the self-signed certificate of development containers. */
    public static final String DEFAULT_PUBLIC_URL_PROPERTIES = "encrypt=true;trustServerCertificate=true";

    /** Backups in the default directory, data files wherever the server puts them, no local file access. */
    public static SqlServerOptions defaults() {
        return new SqlServerOptions(DEFAULT_BACKUP_DIRECTORY, null, null, null, null, DEFAULT_PUBLIC_URL_PROPERTIES);
    }

    /**
     * Options from environment variables: {@code PETRI_MSSQL_BACKUP_DIR}, {@code PETRI_MSSQL_DATA_DIR},
     * {@code PETRI_MSSQL_LOG_DIR}, {@code PETRI_MSSQL_LOCAL_DATA_DIR}, {@code PETRI_MSSQL_LOCAL_BACKUP_DIR},
     * {@code PETRI_MSSQL_PUBLIC_URL_PROPERTIES}; unset ones keep their defaults.
     */
    public static SqlServerOptions fromEnvironment(Map<String, String> env) {
        return new SqlServerOptions(
                env.getOrDefault("PETRI_MSSQL_BACKUP_DIR", DEFAULT_BACKUP_DIRECTORY),
                blankToNull(env.get("PETRI_MSSQL_DATA_DIR")),
                blankToNull(env.get("PETRI_MSSQL_LOG_DIR")),
                pathOrNull(env.get("PETRI_MSSQL_LOCAL_DATA_DIR")),
                pathOrNull(env.get("PETRI_MSSQL_LOCAL_BACKUP_DIR")),
                env.getOrDefault("PETRI_MSSQL_PUBLIC_URL_PROPERTIES", DEFAULT_PUBLIC_URL_PROPERTIES));
    }

    /**
     * Where Petri reaches a server file: the file must lie inside the server data directory, and its
     * path below that directory is resolved against the local mount.
     */
    public Path localPath(String serverPath, String serverDataDirectory) {
        if (localDataDirectory == null) {
            throw new IllegalStateException("no local data directory is configured");
        }
        String dir = serverDataDirectory.endsWith("/") || serverDataDirectory.endsWith("\\")
                ? serverDataDirectory : serverDataDirectory + "/";
        String normalized = serverPath.replace('\\', '/');
        String normalizedDir = dir.replace('\\', '/');
        if (!normalized.startsWith(normalizedDir) || normalized.contains("/../")) {
            throw new IllegalArgumentException("file " + serverPath + " is not inside the data directory "
                    + serverDataDirectory);
        }
        Path resolved = localDataDirectory.resolve(normalized.substring(normalizedDir.length())).normalize();
        if (!resolved.startsWith(localDataDirectory.normalize())) {
            throw new IllegalArgumentException("file " + serverPath + " is not inside the data directory");
        }
        return resolved;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Path pathOrNull(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }
}
