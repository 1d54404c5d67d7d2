package dev.svcinfra.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.internal.replica.ReplicaInspector;

/**
 * One replica server with its own pool, the bounded borrow in front of it, and the inspector that
 * judges it from the background probe.
 *
 * @param server the replica's URL, password masked
 */
record ReplicaPool(
    String server,
    ResolvedUrl url,
    HikariDataSource pool,
    OutageAwareBorrow borrow,
    ReplicaInspector inspector) {}
