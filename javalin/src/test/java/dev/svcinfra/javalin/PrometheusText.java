package dev.svcinfra.javalin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests. The Prometheus Java
 * client only writes this format (its parser lives in Go's {@code expfmt}), and no maintained Java
 * parser is on Maven Central, so the rules a scraper applies are checked here: every line is a
 * {@code # HELP}, a {@code # TYPE} (once per family, before its samples, with a known type), or a
 * sample {@code name{label="value",...} value} whose name belongs to the declared family, whose
 * label names are valid and unique, whose label values use only the three escapes, and whose value
 * is a float; histogram buckets are cumulative and end with {@code le="+Inf"} equal to {@code
 * _count}. Anything else throws.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  record Sample(String name, Map<String, String> labels, double value) {}

  final Map<String, String> types = new LinkedHashMap<>();
  final List<Sample> samples = new ArrayList<>();

  static PrometheusText parse(String text) {
    PrometheusText p = new PrometheusText();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition must end with a line feed");
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      try {
        p.line(lines[i]);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + lines[i] + ": " + e, e);
      }
    }
    p.checkHistograms();
    return p;
  }

  private void line(String line) {
    if (line.isEmpty()) {
      return;
    }
    if (line.startsWith("# TYPE ")) {
      String[] parts = line.substring(7).split(" ", -1);
      require(parts.length == 2, "TYPE needs a name and a type");
      require(NAME.matcher(parts[0]).matches(), "bad metric name " + parts[0]);
      require(TYPES.contains(parts[1]), "unknown type " + parts[1]);
      require(!types.containsKey(parts[0]), "second TYPE for " + parts[0]);
      require(
          samples.stream().noneMatch(s -> family(s.name()).equals(parts[0])),
          "TYPE after samples of " + parts[0]);
      types.put(parts[0], parts[1]);
      return;
    }
    if (line.startsWith("# HELP ")) {
      String rest = line.substring(7);
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      require(NAME.matcher(name).matches(), "bad metric name in HELP " + name);
      return;
    }
    if (line.startsWith("#")) {
      return; // a comment
    }
    sample(line);
  }

  private void sample(String line) {
    Matcher m = NAME.matcher(line);
    require(m.lookingAt(), "no metric name");
    String name = m.group();
    int i = m.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        Matcher ln = LABEL_NAME.matcher(line).region(i, line.length());
        require(ln.lookingAt(), "bad label name at " + i);
        String label = ln.group();
        i = ln.end();
        require(
            line.charAt(i) == '=' && line.charAt(i + 1) == '"', "label " + label + " needs =\"");
        i += 2;
        StringBuilder value = new StringBuilder();
        while (line.charAt(i) != '"') {
          char c = line.charAt(i);
          if (c == '\\') {
            char e = line.charAt(i + 1);
            value.append(
                switch (e) {
                  case '\\' -> '\\';
                  case '"' -> '"';
                  case 'n' -> '\n';
                  default -> throw new IllegalArgumentException("bad escape \\" + e);
                });
            i += 2;
          } else {
            value.append(c);
            i++;
          }
        }
        i++;
        require(labels.put(label, value.toString()) == null, "label " + label + " twice");
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    require(i < line.length() && line.charAt(i) == ' ', "no space before the value");
    String[] rest = line.substring(i + 1).split(" ", -1);
    require(rest.length == 1 || rest.length == 2, "value and optional timestamp expected");
    double value =
        switch (rest[0]) {
          case "+Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          case "NaN" -> Double.NaN;
          default -> Double.parseDouble(rest[0]);
        };
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    String family = family(name);
    require(types.containsKey(family), "sample " + name + " of no declared family");
    samples.add(new Sample(name, labels, value));
  }

  /** The family a sample name belongs to: its own TYPE, or a histogram's or summary's. */
  private String family(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_created")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || "summary".equals(type)) {
          return base;
        }
      }
    }
    return name;
  }

  private void checkHistograms() {
    Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
    for (Sample s : samples) {
      String family = family(s.name());
      if (!"histogram".equals(types.get(family)) || !s.name().endsWith("_bucket")) {
        continue;
      }
      Map<String, String> series = new HashMap<>(s.labels());
      require(series.remove("le") != null, "bucket without le: " + s);
      series.put("__name__", family);
      buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
    }
    buckets.forEach(
        (series, list) -> {
          double previousLe = Double.NEGATIVE_INFINITY;
          double previous = 0;
          for (Sample b : list) {
            double le = Double.parseDouble(b.labels().get("le").replace("+Inf", "Infinity"));
            require(le > previousLe, "buckets out of order in " + series);
            require(b.value() >= previous, "buckets not cumulative in " + series);
            previousLe = le;
            previous = b.value();
          }
          require(previousLe == Double.POSITIVE_INFINITY, "no +Inf bucket in " + series);
          Map<String, String> labels = new HashMap<>(series);
          String family = labels.remove("__name__");
          require(
              value(family + "_count", labels) == previous,
              "_count differs from the +Inf bucket in " + series);
        });
  }

  /** The value of the one sample with exactly these labels; fails when there is none. */
  double value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(labels))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in the scrape"))
        .value();
  }

  /** The samples named {@code name}. */
  List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
