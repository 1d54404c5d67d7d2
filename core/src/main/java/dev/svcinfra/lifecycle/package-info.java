/**
 * Data lifecycle: backup verification. {@link dev.svcinfra.lifecycle.Backups} finds the newest
 * backup in a directory and checks its age, size, format, completeness and checksum, restores it
 * into a scratch database it creates and drops, and {@link dev.svcinfra.lifecycle.BackupAgeCheck}
 * reports the newest backup's age to the health registry.
 */
package dev.svcinfra.lifecycle;
