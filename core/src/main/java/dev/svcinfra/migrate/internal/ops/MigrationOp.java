package dev.svcinfra.migrate.internal.ops;

import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;

/**
 * One portable schema change. The downgrade of a list of operations is the reversed list of their
 * inverses.
 *
 * <pre>{@code
 * MigrationOp op = new MigrationOp.AddColumn(users, Column.of("age", ColumnType.of(Kind.INTEGER)));
 * op.inverse();                 // DropColumn(users, age)
 * op.accept(renderer);          // SQL for one dialect
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface MigrationOp {

  /** The operation that undoes this one. */
  MigrationOp inverse();

  <R> R accept(OpVisitor<R> visitor);

  /** A line for people: {@code add column users.age INTEGER}. */
  String describe();

  /** Whether the operation removes a table, column, index or constraint. */
  default boolean isDrop() {
    return false;
  }

  /**
   * Installs a database extension the new indexes need ({@code pg_trgm} for a trigram index on
   * PostgreSQL) unless it is there. Its inverse keeps it: other objects may use it.
   */
  record CreateExtension(String name) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new KeepExtension(name);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.createExtension(this);
    }

    @Override
    public String describe() {
      return "add extension " + name;
    }
  }

  /** The downgrade of {@link CreateExtension}: nothing runs; the extension stays installed. */
  record KeepExtension(String name) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new CreateExtension(name);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.keepExtension(this);
    }

    @Override
    public String describe() {
      return "keep extension " + name;
    }
  }

  record CreateTable(Table table) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new DropTable(table);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.createTable(this);
    }

    @Override
    public String describe() {
      return "add table " + table.qualifiedName();
    }
  }

  record DropTable(Table table) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new CreateTable(table);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.dropTable(this);
    }

    @Override
    public String describe() {
      return "remove table " + table.qualifiedName();
    }

    @Override
    public boolean isDrop() {
      return true;
    }
  }

  /** {@code table} carries the new name; {@code from} is the old one. */
  record RenameTable(Table table, String from) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new RenameTable(
          Table.named(from).withSchema(table.schema().orElse(null)), table.name());
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.renameTable(this);
    }

    @Override
    public String describe() {
      return "rename table " + from + " to " + table.name();
    }
  }

  record AddColumn(Table table, Column column) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new DropColumn(table, column);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.addColumn(this);
    }

    @Override
    public String describe() {
      return "add column "
          + table.qualifiedName()
          + "."
          + column.name()
          + " "
          + column.type()
          + (column.nullable() ? "" : " NOT NULL");
    }
  }

  record DropColumn(Table table, Column column) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new AddColumn(table, column);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.dropColumn(this);
    }

    @Override
    public String describe() {
      return "remove column " + table.qualifiedName() + "." + column.name();
    }

    @Override
    public boolean isDrop() {
      return true;
    }
  }

  /** Type, nullability or default of one column changes from {@code from} to {@code to}. */
  record AlterColumn(Table table, Column from, Column to) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new AlterColumn(table, to, from);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.alterColumn(this);
    }

    @Override
    public String describe() {
      StringBuilder s =
          new StringBuilder("alter column " + table.qualifiedName() + "." + to.name());
      if (!from.type().equals(to.type())) {
        s.append(": type ").append(from.type()).append(" -> ").append(to.type());
      }
      if (from.nullable() != to.nullable()) {
        s.append(": ").append(to.nullable() ? "nullable" : "NOT NULL");
      }
      if (!from.defaultSql().equals(to.defaultSql())) {
        s.append(": default ")
            .append(from.defaultSql().orElse("none"))
            .append(" -> ")
            .append(to.defaultSql().orElse("none"));
      }
      return s.toString();
    }
  }

  record RenameColumn(Table table, String from, String to) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new RenameColumn(table, to, from);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.renameColumn(this);
    }

    @Override
    public String describe() {
      return "rename column " + table.qualifiedName() + "." + from + " to " + to;
    }
  }

  record CreateIndex(Table table, Index index) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new DropIndex(table, index);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.createIndex(this);
    }

    @Override
    public String describe() {
      return "add "
          + (index.unique() ? "unique " : index.trigram() ? "trigram " : "")
          + "index "
          + index.name()
          + " on "
          + table.qualifiedName()
          + " "
          + index.keys()
          + index.whereNull().map(c -> " where " + c + " is null").orElse("");
    }
  }

  record DropIndex(Table table, Index index) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new CreateIndex(table, index);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.dropIndex(this);
    }

    @Override
    public String describe() {
      return "remove index " + index.name() + " on " + table.qualifiedName();
    }

    @Override
    public boolean isDrop() {
      return true;
    }
  }

  record AddUnique(Table table, UniqueConstraint unique) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new DropUnique(table, unique);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.addUnique(this);
    }

    @Override
    public String describe() {
      return "add unique constraint "
          + unique.name()
          + " on "
          + table.qualifiedName()
          + " "
          + unique.columns();
    }
  }

  record DropUnique(Table table, UniqueConstraint unique) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new AddUnique(table, unique);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.dropUnique(this);
    }

    @Override
    public String describe() {
      return "remove unique constraint " + unique.name() + " on " + table.qualifiedName();
    }

    @Override
    public boolean isDrop() {
      return true;
    }
  }

  record AddForeignKey(Table table, ForeignKey foreignKey) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new DropForeignKey(table, foreignKey);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.addForeignKey(this);
    }

    @Override
    public String describe() {
      return "add foreign key "
          + foreignKey.name()
          + " on "
          + table.qualifiedName()
          + " "
          + foreignKey.columns()
          + " -> "
          + foreignKey.referencedTable()
          + foreignKey.referencedColumns();
    }
  }

  record DropForeignKey(Table table, ForeignKey foreignKey) implements MigrationOp {
    @Override
    public MigrationOp inverse() {
      return new AddForeignKey(table, foreignKey);
    }

    @Override
    public <R> R accept(OpVisitor<R> v) {
      return v.dropForeignKey(this);
    }

    @Override
    public String describe() {
      return "remove foreign key " + foreignKey.name() + " on " + table.qualifiedName();
    }

    @Override
    public boolean isDrop() {
      return true;
    }
  }
}
