package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.ops.OpVisitor;
import dev.svcinfra.sql.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps operations onto one dialect's DDL methods: the only place operations meet dialects.
 *
 * <pre>{@code
 * List<String> sql = new OpRenderer(Dialects.POSTGRESQL).render(ops);
 * }</pre>
 *
 * @since 0.1
 */
public final class OpRenderer implements OpVisitor<List<String>> {
  private final Dialect dialect;

  public OpRenderer(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Every statement of {@code ops}, in order. */
  public List<String> render(List<MigrationOp> ops) {
    List<String> out = new ArrayList<>();
    for (MigrationOp op : ops) {
      out.addAll(op.accept(this));
    }
    return out;
  }

  @Override
  public List<String> createExtension(MigrationOp.CreateExtension op) {
    return dialect.createExtensionStatements(op.name());
  }

  /** Nothing: a downgrade never drops an extension, which other objects may use. */
  @Override
  public List<String> keepExtension(MigrationOp.KeepExtension op) {
    return List.of();
  }

  @Override
  public List<String> createTable(MigrationOp.CreateTable op) {
    return dialect.createTableStatements(op.table());
  }

  @Override
  public List<String> dropTable(MigrationOp.DropTable op) {
    return dialect.dropTableStatements(op.table());
  }

  @Override
  public List<String> renameTable(MigrationOp.RenameTable op) {
    return dialect.renameTableStatements(op.table(), op.from());
  }

  @Override
  public List<String> addColumn(MigrationOp.AddColumn op) {
    return dialect.addColumnStatements(op.table(), op.column());
  }

  @Override
  public List<String> dropColumn(MigrationOp.DropColumn op) {
    return dialect.dropColumnStatements(op.table(), op.column().name());
  }

  @Override
  public List<String> alterColumn(MigrationOp.AlterColumn op) {
    return dialect.alterColumnStatements(op.table(), op.from(), op.to());
  }

  @Override
  public List<String> renameColumn(MigrationOp.RenameColumn op) {
    return dialect.renameColumnStatements(op.table(), op.from(), op.to());
  }

  /** Nothing for an index this dialect leaves out (a trigram index outside PostgreSQL). */
  @Override
  public List<String> createIndex(MigrationOp.CreateIndex op) {
    return dialect.buildsIndex(op.index())
        ? dialect.createIndexStatements(op.table(), op.index())
        : List.of();
  }

  @Override
  public List<String> dropIndex(MigrationOp.DropIndex op) {
    return dialect.buildsIndex(op.index())
        ? dialect.dropIndexStatements(op.table(), op.index())
        : List.of();
  }

  @Override
  public List<String> addUnique(MigrationOp.AddUnique op) {
    return dialect.addUniqueStatements(op.table(), op.unique());
  }

  @Override
  public List<String> dropUnique(MigrationOp.DropUnique op) {
    return dialect.dropUniqueStatements(op.table(), op.unique());
  }

  @Override
  public List<String> addForeignKey(MigrationOp.AddForeignKey op) {
    return dialect.addForeignKeyStatements(op.table(), op.foreignKey());
  }

  @Override
  public List<String> dropForeignKey(MigrationOp.DropForeignKey op) {
    return dialect.dropForeignKeyStatements(op.table(), op.foreignKey());
  }
}
