package dev.toolstream.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures cold start: the time from launching a fresh JVM to the first byte on its stdout (the
 * first text delta), several times each, for the weather jar against its built-in simulator (no API
 * key), also with an AppCDS archive recorded by a training run, and for a minimal Toolstream and
 * SDK streamer ({@link FirstToken}), and for the floor the stack itself sets ({@link
 * StartupFloor}). Prints a markdown table of the median, min and max.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.ColdStart WEATHER_JAR
 * BENCHMARKS_JAR [runs] [JAVA_25]}; 7 runs by default, after one unmeasured run of each to warm the
 * OS's file cache. With the path of a Java 25 {@code java} as well, it adds the weather jar on Java
 * 25 without and with an ahead-of-time cache recorded by one training run ({@code
 * -XX:AOTCacheOutput}, JEP 514). It also prints how many classes a plain run of the weather jar
 * loads.
 */
public final class ColdStart {
  private ColdStart() {}

  /** Runs the measurement and prints the table. */
  public static void main(String[] args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String weatherJar = args[0];
    String benchJar = args[1];
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    String java25 = args.length > 3 ? args[3] : null;
    String question = "What's the weather in Tokyo?";
    String archive = appCdsArchive(java, weatherJar, question);
    // The floor runs from the weather jar's own libraries, not the far bigger benchmarks jar
    // (some 38,000 entries, which alone add about 20 ms to a start).
    String floorPath = floorClasses() + File.pathSeparator + weatherJar;
    List<String[]> commands = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String[][] common = {
      {java, "-jar", weatherJar, question},
      {java, "-XX:SharedArchiveFile=" + archive, "-jar", weatherJar, question},
      {java, "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1", "-jar", weatherJar, question},
      {java, "-cp", benchJar, FirstToken.class.getName(), "toolstream"},
      {java, "-cp", benchJar, FirstToken.class.getName(), "sdk"},
      {java, "-cp", floorPath, StartupFloor.class.getName(), "empty"},
      {java, "-cp", floorPath, StartupFloor.class.getName(), "mapper"},
      {java, "-cp", floorPath, StartupFloor.class.getName(), "okhttp"},
      {java, "-cp", floorPath, StartupFloor.class.getName(), "both"},
    };
    String[] commonNames = {
      "weather-agent.jar (agent loop, simulator)",
      "weather-agent.jar, AppCDS archive (`-XX:SharedArchiveFile`)",
      "weather-agent.jar, AppCDS archive and C1 only (`-XX:TieredStopAtLevel=1`)",
      "Toolstream, one stream (FirstToken)",
      "SDK " + SdkReader.VERSION + ", one stream (FirstToken)",
      "floor: an empty `main` (StartupFloor)",
      "floor: a Jackson `JsonMapper`, one small tree read and written",
      "floor: one plain-HTTP OkHttp request to loopback",
      "floor: the mapper and the request at once, on two threads"
    };
    commands.addAll(Arrays.asList(common));
    names.addAll(Arrays.asList(commonNames));
    if (java25 != null) {
      String cache = aotCache(java25, weatherJar, question);
      commands.add(new String[] {java25, "-jar", weatherJar, question});
      names.add("weather-agent.jar on Java 25");
      commands.add(new String[] {java25, "-XX:AOTCache=" + cache, "-jar", weatherJar, question});
      names.add("weather-agent.jar on Java 25, AOT cache (`-XX:AOTCache`)");
    }
    System.out.printf(
        "%nclasses loaded by a plain run of the weather jar: %d%n",
        classesLoaded(java, weatherJar, question));
    System.out.printf(
        "%n%d runs each%n%n| program | first byte, median ms | min ms | max ms | exit, median ms"
            + " |%n|---|---:|---:|---:|---:|%n",
        runs);
    for (int c = 0; c < commands.size(); c++) {
      measure(commands.get(c));
      long[] first = new long[runs];
      long[] exit = new long[runs];
      for (int r = 0; r < runs; r++) {
        long[] times = measure(commands.get(c));
        first[r] = times[0];
        exit[r] = times[1];
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.0f | %.0f |%n",
          names.get(c),
          median(first) / 1e6,
          Arrays.stream(first).min().getAsLong() / 1e6,
          Arrays.stream(first).max().getAsLong() / 1e6,
          median(exit) / 1e6);
    }
  }

  /**
   * Copies {@link StartupFloor} and the loopback server it uses out of this jar into a new
   * directory, and returns the directory: the floor's class path beside the weather jar.
   */
  private static String floorClasses() throws IOException {
    Path directory = Files.createTempDirectory("coldstart-floor");
    directory.toFile().deleteOnExit();
    for (Class<?> type : List.of(StartupFloor.class, LoopbackServer.class)) {
      String name = type.getName().replace('.', '/') + ".class";
      Path file = directory.resolve(name);
      Files.createDirectories(file.getParent());
      Path made = directory;
      for (Path part : Path.of(name)) { // Top down, as they are deleted the other way round.
        made = made.resolve(part);
        made.toFile().deleteOnExit();
      }
      try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + " is not on the class path");
        }
        Files.copy(in, file);
      }
    }
    return directory.toString();
  }

  /**
   * Records the classes a run of the weather jar loads into an AppCDS archive (one training run)
   * and returns the archive's path.
   */
  private static String appCdsArchive(String java, String weatherJar, String question)
      throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("coldstart");
    Path archive = directory.resolve("weather-agent.jsa");
    directory.toFile().deleteOnExit();
    archive.toFile().deleteOnExit(); // Deleted first: the last registered goes first.
    measure(
        new String[] {
          java, "-Xlog:cds*=off", "-XX:ArchiveClassesAtExit=" + archive, "-jar", weatherJar, question
        });
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the training run wrote no archive at " + archive);
    }
    return archive.toString();
  }

  /**
   * Records a Java 25 ahead-of-time cache (classes loaded and linked, method profiles) in one
   * training run of the weather jar, and returns its path.
   */
  private static String aotCache(String java25, String weatherJar, String question)
      throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("coldstart-aot");
    Path cache = directory.resolve("weather-agent.aot");
    directory.toFile().deleteOnExit();
    cache.toFile().deleteOnExit();
    measure(
        new String[] {
          java25, "-XX:AOTCacheOutput=" + cache, "-Xlog:aot*=off", "-jar", weatherJar, question
        });
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training run wrote no AOT cache at " + cache);
    }
    return cache.toString();
  }

  /** Returns how many classes one plain run of the weather jar loads. */
  private static long classesLoaded(String java, String weatherJar, String question)
      throws IOException, InterruptedException {
    // A file that is not there yet: the JVM would keep an existing one, renamed to "….0".
    Path directory = Files.createTempDirectory("coldstart-classes");
    Path log = directory.resolve("classes.txt");
    try {
      measure(new String[] {java, "-Xlog:class+load:file=" + log, "-jar", weatherJar, question});
      try (var lines = Files.lines(log)) {
        return lines.filter(line -> line.contains(" source: ")).count();
      }
    } finally {
      Files.deleteIfExists(log);
      Files.delete(directory);
    }
  }

  /** Returns the nanoseconds to the first stdout byte and to the process's exit. */
  private static long[] measure(String[] command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(false);
    Map<String, String> env = builder.environment();
    env.remove("ANTHROPIC_API_KEY");
    env.remove("ANTHROPIC_AUTH_TOKEN");
    env.remove("ANTHROPIC_BASE_URL");
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = builder.start();
    InputStream stdout = process.getInputStream();
    if (stdout.read() < 0) {
      throw new IllegalStateException("no output from " + String.join(" ", command));
    }
    long first = System.nanoTime() - start;
    stdout.transferTo(OutputStream.nullOutputStream());
    int status = process.waitFor();
    long exit = System.nanoTime() - start;
    if (status != 0) {
      throw new IllegalStateException(
          "exit status " + status + " from " + String.join(" ", command));
    }
    return new long[] {first, exit};
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
