/**
 * Connections: {@link dev.svcinfra.sql.Database} opens the HikariCP pools for the primary and an
 * optional replica from {@code config} settings, through the dialect of {@code sql.dialect}. The
 * data layer (models, repositories, services) lives in the sub-packages.
 */
package dev.svcinfra.sql;
