package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;

/**
 * The columns an INSERT or UPDATE writes, with their Java values, in the order they appear in the
 * statement. Two parallel arrays instead of a map: a write touches a handful of columns, and this
 * runs on every create and update.
 */
final class WriteRow {
  private final MappedColumn[] columns;
  private final Object[] values;
  private int size;

  WriteRow(int capacity) {
    this.columns = new MappedColumn[capacity];
    this.values = new Object[capacity];
  }

  /** Appends a column; callers add each column at most once. */
  void add(MappedColumn column, Object value) {
    columns[size] = column;
    values[size++] = value;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  MappedColumn column(int i) {
    return columns[i];
  }

  Object value(int i) {
    return values[i];
  }

  /**
   * Puts the database form of each value and its column type into {@code binds} and {@code types}
   * from position {@code at}; returns the position after the last one.
   */
  int bindInto(Object[] binds, ColumnType[] types, int at) {
    for (int k = 0; k < size; k++, at++) {
      binds[at] = columns[k].toDatabase(values[k]);
      types[at] = columns[k].type();
    }
    return at;
  }

  /** The value written to {@code column}, or null when it is not written. */
  Object valueOf(MappedColumn column) {
    for (int i = 0; i < size; i++) {
      if (columns[i] == column) {
        return values[i];
      }
    }
    return null;
  }
}
