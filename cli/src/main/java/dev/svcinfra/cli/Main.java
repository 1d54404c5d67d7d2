package dev.svcinfra.cli;

import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.Env;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code svc-infra.jar}: runs the command line against the process environment and
 * exits with its status (0 ok, 1 failure, 2 usage or configuration error). With {@code
 * --driver-path} or {@code SVC_INFRA_DRIVERS} it first puts the named driver jars beside its own
 * class path ({@link DriverPath}).
 *
 * @since 0.1
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    Optional<String> path = DriverPath.requested(args, env.get(DriverPath.VARIABLE));
    if (path.isEmpty()) {
      System.exit(run(args));
      return;
    }
    String source =
        List.of(args).stream().anyMatch(a -> a.startsWith(DriverPath.OPTION))
            ? DriverPath.OPTION
            : DriverPath.VARIABLE;
    List<Path> jars;
    try {
      jars = DriverPath.jars(path.get(), source);
    } catch (SvcInfraException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(e.code().exitStatus());
      return;
    }
    System.exit(runWithDrivers(args, jars));
  }

  /** The command line in this class loader. */
  static int run(String[] args) {
    return SvcInfraCli.run(args, Env.system(), System.out, System.err);
  }

  /**
   * The command line in a class loader over the CLI's own class path and {@code jars}, whose parent
   * is the platform loader: every class, ours and the drivers', comes from that one loader, so the
   * drivers are visible to the pool and to {@code DriverManager} alike.
   */
  private static int runWithDrivers(String[] args, List<Path> jars) {
    URLClassLoader loader =
        new URLClassLoader(
            "svc-infra-with-drivers",
            DriverPath.classPath(System.getProperty("java.class.path"), jars),
            ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Method run =
          Class.forName(Main.class.getName(), true, loader)
              .getDeclaredMethod("run", String[].class);
      run.setAccessible(true);
      return (Integer) run.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the command line failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start the command line with the driver path", e);
    }
  }
}
