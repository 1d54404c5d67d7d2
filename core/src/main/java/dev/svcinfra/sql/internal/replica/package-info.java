/**
 * How a read replica is judged: the primary's write positions over time, and one probe of a replica
 * turned into a {@link dev.svcinfra.sql.ReplicaState} (reachable, receiving, replaying, lag against
 * the limit). The pools' background monitor and the health check share it.
 *
 * <p><b>Internal:</b> not supported API. It may change or disappear in any release without notice.
 */
package dev.svcinfra.sql.internal.replica;
