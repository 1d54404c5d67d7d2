package dev.svcinfra.lifecycle;

import java.time.Duration;

/** Durations the way people read them in alerts: {@code 2d 3h}, {@code 5h 12m}, {@code 40s}. */
final class Ages {
  private Ages() {}

  static String describe(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    if (s < 86_400) {
      return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
    return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
  }
}
