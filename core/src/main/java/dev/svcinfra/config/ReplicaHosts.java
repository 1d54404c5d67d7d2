package dev.svcinfra.config;

import dev.svcinfra.config.internal.HostPort;
import dev.svcinfra.config.internal.ResolvedUrl;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a replica URL that names several hosts into one URL per host. Each replica gets its own
 * pool, so reads can be spread over the healthy ones and a lagging or stopped one skipped alone
 * (issue 20); a driver given the whole list would pick one server per connection and hide which one
 * answered. A URL that asks the driver to choose ({@code ha_mode}, from {@code
 * jdbc:mysql:loadbalance://} and the like) is left whole: the user chose the driver's selection.
 */
final class ReplicaHosts {
  private ReplicaHosts() {}

  static List<ResolvedUrl> split(ResolvedUrl replica) {
    DatabaseUrl url = replica.url();
    if (url.hosts().size() < 2 || url.param(UrlParser.HOST_MODE_PARAM).isPresent()) {
      return List.of(replica);
    }
    List<ResolvedUrl> servers = new ArrayList<>(url.hosts().size());
    for (HostPort host : url.hosts()) {
      DatabaseUrl one = url.toBuilder().clearHosts().host(host.host(), host.port()).build();
      servers.add(new ResolvedUrl(one, replica.source()));
    }
    return List.copyOf(servers);
  }
}
