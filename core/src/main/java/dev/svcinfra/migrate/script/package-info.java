/**
 * Java-class revisions: implement {@link dev.svcinfra.migrate.script.JavaMigration}, give the class
 * its header with {@link dev.svcinfra.migrate.script.MigrationRevision} (listed in {@code
 * META-INF/services/dev.svcinfra.migrate.script.JavaMigration}) and run statements through the
 * {@link dev.svcinfra.migrate.script.MigrationStep} it is given.
 */
package dev.svcinfra.migrate.script;
