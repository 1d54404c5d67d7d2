package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import java.util.List;

/**
 * {@code DB_HOST} as a list of servers ({@code db1,db2}, {@code db1:5432,db2:5433}, {@code
 * [::1]:5432}) with {@code DB_PORT} as one port for every host or one port per host, the way libpq
 * reads {@code PGHOST} and {@code PGPORT}. An unbracketed IPv6 address ({@code ::1}) is one host.
 */
public final class HostList {
  private HostList() {}

  public static void addTo(
      DatabaseUrl.Builder b, String hosts, List<Integer> ports, String portText) {
    String[] entries = hosts.split(",", -1);
    if (ports.size() > 1 && ports.size() != entries.length) {
      throw invalid(
          "DB_PORT='"
              + portText
              + "' lists "
              + ports.size()
              + " ports for "
              + entries.length
              + " hosts in DB_HOST='"
              + hosts
              + "'; give one port for all or one per host");
    }
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        throw invalid("DB_HOST='" + hosts + "' has an empty host in its list");
      }
      Integer fromList = ports.isEmpty() ? null : ports.get(ports.size() == 1 ? 0 : i);
      String host = entry;
      Integer own = null;
      if (entry.startsWith("[")) {
        int close = entry.indexOf(']');
        if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
          throw invalid(
              "DB_HOST='" + hosts + "': '" + entry + "' is not [address] or [address]:port");
        }
        host = entry.substring(1, close);
        if (close + 1 < entry.length()) {
          own = port(entry.substring(close + 2), hosts);
        }
      } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
        int colon = entry.indexOf(':');
        host = entry.substring(0, colon);
        own = port(entry.substring(colon + 1), hosts);
      }
      if (own != null && fromList != null && !own.equals(fromList) && ports.size() > 1) {
        throw invalid(
            "DB_HOST names port " + own + " for " + host + " but DB_PORT gives it " + fromList);
      }
      b.host(host, own != null ? own : fromList);
    }
  }

  private static Integer port(String text, String hosts) {
    if (text.isEmpty()
        || text.length() > 5
        || !text.chars().allMatch(Character::isDigit)
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) > 65535) {
      throw invalid("DB_HOST='" + hosts + "': port '" + text + "' is not a number in 1..65535");
    }
    return Integer.valueOf(text);
  }

  private static ConfigException invalid(String message) {
    return new ConfigException(ErrorCode.INVALID_SETTING, message);
  }
}
