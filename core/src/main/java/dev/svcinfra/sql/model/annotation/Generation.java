package dev.svcinfra.sql.model.annotation;

/**
 * Who makes the primary-key value of a new row.
 *
 * <pre>{@code
 * @Id(generation = Generation.UUID) UUID id      // the library, before the insert
 * @Id(generation = Generation.IDENTITY) Long id  // the database (identity, auto-increment)
 * @Id(generation = Generation.NONE) String code  // the caller, in the create input
 * }</pre>
 *
 * @since 0.1
 */
public enum Generation {
  /** The database generates it: identity, auto-increment or a sequence default. */
  IDENTITY,
  /** The library sets a random UUID when the input has none. */
  UUID,
  /** The caller must supply it. */
  NONE
}
