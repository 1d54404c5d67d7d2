package dev.svcinfra.sql.dialect;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which driver a {@code mysql://} URL connects through. Oracle's Connector/J when it is on the
 * class path; otherwise MariaDB Connector/J, which speaks the MySQL protocol too, so that a service
 * built with only the MariaDB driver (as the quickstart is) starts on a MySQL URL instead of
 * crashing with a missing driver (issue 19). The SQL stays MySQL's; only the connection changes,
 * and the choice is logged once.
 */
final class MySqlDriverChoice {
  static final String CONNECTOR_J = "com.mysql.cj.jdbc.Driver";
  static final String MARIADB = "org.mariadb.jdbc.Driver";

  private static final Logger LOG = LoggerFactory.getLogger(MySqlDriverChoice.class);
  private static final AtomicBoolean SAID = new AtomicBoolean();

  private MySqlDriverChoice() {}

  /** Whether MySQL URLs go through the MariaDB driver, as {@code loadable} sees the drivers. */
  static boolean throughMariaDb(Predicate<String> loadable) {
    boolean fallback = !loadable.test(CONNECTOR_J) && loadable.test(MARIADB);
    if (fallback && SAID.compareAndSet(false, true)) {
      LOG.info(
          "mysql:// URLs connect through MariaDB Connector/J: com.mysql:mysql-connector-j is not"
              + " on the class path (add it to use Oracle's driver)");
    }
    return fallback;
  }

  /** Whether the class loads from the context class loader or this library's. */
  static boolean loadable(String driverClass) {
    for (ClassLoader loader :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), MySqlDriverChoice.class.getClassLoader()
        }) {
      if (loader == null) {
        continue;
      }
      try {
        Class.forName(driverClass, false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return false;
  }
}
