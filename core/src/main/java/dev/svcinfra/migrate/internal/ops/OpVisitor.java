package dev.svcinfra.migrate.internal.ops;

/**
 * One method per {@link MigrationOp}; adding an operation breaks every visitor until it handles it.
 *
 * <pre>{@code
 * List<String> sql = op.accept(new OpRenderer(dialect));
 * }</pre>
 *
 * @since 0.1
 */
public interface OpVisitor<R> {
  R createExtension(MigrationOp.CreateExtension op);

  R keepExtension(MigrationOp.KeepExtension op);

  R createTable(MigrationOp.CreateTable op);

  R dropTable(MigrationOp.DropTable op);

  R renameTable(MigrationOp.RenameTable op);

  R addColumn(MigrationOp.AddColumn op);

  R dropColumn(MigrationOp.DropColumn op);

  R alterColumn(MigrationOp.AlterColumn op);

  R renameColumn(MigrationOp.RenameColumn op);

  R createIndex(MigrationOp.CreateIndex op);

  R dropIndex(MigrationOp.DropIndex op);

  R addUnique(MigrationOp.AddUnique op);

  R dropUnique(MigrationOp.DropUnique op);

  R addForeignKey(MigrationOp.AddForeignKey op);

  R dropForeignKey(MigrationOp.DropForeignKey op);
}
