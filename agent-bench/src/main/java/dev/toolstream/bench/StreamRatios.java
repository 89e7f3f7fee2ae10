package dev.toolstream.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Reads each stream with Toolstream, the raw line read and (optionally) the SDK in turn, round
 * after round in one JVM, and reports the median time of each and the median of the per-round
 * ratios. On a shared machine whose load comes and goes, readers measured side by side in the same
 * rounds see the same load, so their ratio holds where JMH's one-benchmark-after-another times
 * drift; JMH ({@link StreamBenchmark}) stays the source of the README's times and allocation.
 *
 * <p>Usage: {@code java -Xms1g -Xmx1g -cp benchmarks.jar dev.toolstream.bench.StreamRatios
 * [rounds] [sdk] [stream...]}; 200 rounds (a fifth of them warm-up) and the five streams without
 * the SDK by default; with {@code sdk}, the SDK reads every second round.
 */
public final class StreamRatios {
  private StreamRatios() {}

  /** Runs the rounds and prints one line per stream. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    boolean withSdk = args.length > 1 && args[1].equals("sdk");
    List<String> names = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      names.add(args[i]);
    }
    if (names.isEmpty()) {
      names.addAll(
          List.of(
              SyntheticStream.TEXT,
              SyntheticStream.TEXT_TINY,
              SyntheticStream.TOOL_1MB,
              SyntheticStream.TOOL_1MB_TINY,
              SyntheticStream.THREE_TOOLS));
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    System.out.printf(
        "| stream | Toolstream ms | raw ms | Toolstream / raw (median of rounds) | SDK ms | SDK /"
            + " Toolstream | Toolstream B/event |%n|---|---:|---:|---:|---:|---:|---:|%n");
    try (LoopbackServer server = LoopbackServer.start()) {
      for (String name : names) {
        SyntheticStream stream = SyntheticStream.named(name);
        String baseUrl = stream.serveOn(server);
        try (ToolstreamReader toolstream = new ToolstreamReader(baseUrl);
            RawReader raw = new RawReader(baseUrl);
            SdkReader sdk = new SdkReader(baseUrl)) {
          Expectations.check(stream, toolstream.read());
          Expectations.check(stream, raw.read());
          int warm = rounds / 5;
          int sdkEvery = 2;
          double[] ts = new double[rounds - warm];
          double[] rs = new double[rounds - warm];
          double[] ratios = new double[rounds - warm];
          List<Double> sdks = new ArrayList<>();
          long allocated = 0;
          for (int round = 0; round < rounds; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            double t = time(() -> toolstream.read().content().size());
            long after = threads.getThreadAllocatedBytes(thread);
            double r = time(raw::read);
            double s = withSdk && round % sdkEvery == 0 ? time(() -> sdk.read().hashCode()) : -1;
            if (round >= warm) {
              int i = round - warm;
              ts[i] = t;
              rs[i] = r;
              ratios[i] = t / r;
              allocated += after - before;
              if (s >= 0) {
                sdks.add(s);
              }
            }
          }
          double sdkMedian =
              sdks.isEmpty() ? Double.NaN : median(sdks.stream().mapToDouble(d -> d).toArray());
          System.out.printf(
              Locale.ROOT,
              "| %s | %.2f | %.2f | %.2f× | %s | %s | %,.0f |%n",
              name,
              median(ts),
              median(rs),
              median(ratios),
              sdks.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f", sdkMedian),
              sdks.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f×", sdkMedian / median(ts)),
              (double) allocated / ts.length / stream.events());
        }
      }
    }
  }

  private static double time(LongSupplier read) {
    long start = System.nanoTime();
    long result = read.getAsLong();
    long took = System.nanoTime() - start;
    if (result == Long.MIN_VALUE) {
      System.out.print(""); // Keeps the result alive.
    }
    return took / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
