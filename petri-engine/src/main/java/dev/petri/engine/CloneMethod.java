package dev.petri.engine;

/** How a host makes a database from an image, fastest first. */
public enum CloneMethod {
    /** Copy-on-write clone of the data files (PostgreSQL 18 file_copy_method=clone on XFS/btrfs). */
    REFLINK_CLONE,
    /** SQL Server data files cloned with reflinks, then attached. */
    REFLINK_ATTACH,
    /** PostgreSQL {@code CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY}: a plain file copy. */
    TEMPLATE_FILE_COPY,
    /** SQL Server {@code RESTORE ... WITH MOVE} from the image's backup. */
    BACKUP_RESTORE
}
