package dev.svcinfra.testing;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The supported API of one module, checked against its reviewed listing ({@code api-baseline.txt}
 * in the module directory, issue 17): every public or protected type outside an {@code internal}
 * package of the module's compiled classes must be listed, and every listed type must still be one.
 * A type enters or leaves the supported API only through a change to that file.
 *
 * <p>{@code -DapiBaseline.update=true} rewrites the file from the compiled classes instead, so the
 * change shows up as a diff to review.
 */
public final class ApiBaseline {
  /** The listing's file name, relative to the module directory (the tests' working directory). */
  public static final String FILE = "api-baseline.txt";

  private ApiBaseline() {}

  /**
   * Fails, naming the types, when the public types of the module that compiled {@code anchor}
   * differ from its listing.
   */
  public static void check(Class<?> anchor) throws IOException {
    Path listing = Path.of(FILE);
    Set<String> actual = publicTypes(anchor);
    if (Boolean.getBoolean("apiBaseline.update")) {
      Files.write(listing, actual, StandardCharsets.UTF_8);
      return;
    }
    Set<String> listed = read(listing);
    List<String> problems = new ArrayList<>();
    for (String type : actual) {
      if (!listed.contains(type)) {
        problems.add(
            type
                + " is public but not in "
                + FILE
                + ": make it package-private, move it under an internal package, or list it");
      }
    }
    for (String type : listed) {
      if (!actual.contains(type)) {
        problems.add(type + " is listed in " + FILE + " but is no longer a public type");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  /** The public and protected types of the classes directory {@code anchor} was loaded from. */
  public static Set<String> publicTypes(Class<?> anchor) {
    Path classes;
    try {
      classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (ScanResult scan =
        new ClassGraph()
            .overrideClasspath(classes.toString())
            .enableClassInfo()
            .ignoreClassVisibility()
            .scan()) {
      return scan.getAllClasses().stream()
          .filter(ApiBaseline::reachable)
          .filter(c -> !internal(c.getPackageName()))
          .map(c -> c.getName().replace('$', '.'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Public or protected, and so is every class it is nested in. */
  private static boolean reachable(ClassInfo type) {
    if (type.isAnonymousInnerClass() || type.isSynthetic() || !visible(type)) {
      return false;
    }
    return type.getOuterClasses().stream().allMatch(ApiBaseline::visible);
  }

  private static boolean visible(ClassInfo type) {
    return type.isPublic() || type.isProtected();
  }

  private static boolean internal(String packageName) {
    return Arrays.asList(packageName.split("\\.")).contains("internal");
  }

  private static Set<String> read(Path listing) throws IOException {
    if (!Files.exists(listing)) {
      throw new AssertionError(
          listing.toAbsolutePath()
              + " is missing; create it with "
              + "-DapiBaseline.update=true and review it");
    }
    return Files.readAllLines(listing, StandardCharsets.UTF_8).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
