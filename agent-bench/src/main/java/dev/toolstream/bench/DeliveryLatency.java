package dev.toolstream.bench;

import dev.toolstream.stream.StreamListener;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Measures delivery latency: text deltas are written 2 ms apart by a loopback server, and the time
 * from each write to its arrival is recorded, for Toolstream (the {@code onText} listener) and for
 * the raw line read (the {@code data:} line read). Prints p50, p90, p99 and max as a markdown
 * table.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.DeliveryLatency [deltas] [rounds]};
 * by default 1,000 deltas per round, 3 rounds per reader, alternating, after a warm-up.
 */
public final class DeliveryLatency {
  private static final long INTERVAL_NANOS = 2_000_000;
  private static final String DELTA_LINE = "data: {\"type\":\"content_block_delta\"";

  private DeliveryLatency() {}

  /** Runs the measurement and prints the table. */
  public static void main(String[] args) throws Exception {
    int deltas = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    try (PacedStreamServer server = new PacedStreamServer();
        ToolstreamReader toolstream = new ToolstreamReader(server.baseUrl());
        RawReader raw = new RawReader(server.baseUrl())) {
      for (int i = 0; i < 20; i++) {
        // Warm-up: unpaced, so both paths are compiled before anything is timed.
        run(
            server,
            2_000,
            0,
            arrived -> toolstream.read(StreamListener.onText(t -> arrived.run())));
        run(server, 2_000, 0, arrived -> raw.read(line -> onDataLine(line, arrived)));
      }
      long[] toolstreamLatency = new long[0];
      long[] rawLatency = new long[0];
      for (int round = 0; round < rounds; round++) {
        toolstreamLatency =
            concat(
                toolstreamLatency,
                run(
                    server,
                    deltas,
                    INTERVAL_NANOS,
                    arrived -> toolstream.read(StreamListener.onText(t -> arrived.run()))));
        rawLatency =
            concat(
                rawLatency,
                run(
                    server,
                    deltas,
                    INTERVAL_NANOS,
                    arrived -> raw.read(line -> onDataLine(line, arrived))));
      }
      System.out.printf(
          Locale.ROOT,
          "%n%d deltas %.0f ms apart, %d rounds per reader%n%n"
              + "| reader | p50 µs | p90 µs | p99 µs | max µs |%n|---|---:|---:|---:|---:|%n",
          deltas,
          INTERVAL_NANOS / 1e6,
          rounds);
      print("Toolstream (onText)", toolstreamLatency);
      print("raw line read", rawLatency);
      System.out.printf(
          Locale.ROOT,
          "%np99 difference: %.1f µs%n",
          (percentile(toolstreamLatency, 0.99) - percentile(rawLatency, 0.99)) / 1e3);
    }
  }

  private static void onDataLine(String line, Runnable arrived) {
    if (line.startsWith(DELTA_LINE)) {
      arrived.run();
    }
  }

  /** Streams {@code deltas} deltas and returns each one's latency in nanoseconds. */
  private static long[] run(
      PacedStreamServer server, int deltas, long interval, Consumer<Runnable> reader)
      throws InterruptedException {
    server.prepare(deltas, interval);
    long[] received = new long[deltas];
    int[] count = {0};
    reader.accept(() -> received[count[0]++] = System.nanoTime());
    if (count[0] != deltas) {
      throw new IllegalStateException("received " + count[0] + " deltas of " + deltas);
    }
    long[] sent = server.sentNanos();
    long[] latency = new long[deltas];
    for (int i = 0; i < deltas; i++) {
      latency[i] = received[i] - sent[i];
    }
    return latency;
  }

  private static void print(String reader, long[] latency) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.1f | %.1f | %.1f |%n",
        reader,
        percentile(latency, 0.50) / 1e3,
        percentile(latency, 0.90) / 1e3,
        percentile(latency, 0.99) / 1e3,
        percentile(latency, 1.0) / 1e3);
  }

  /** Returns the nearest-rank percentile {@code p} (0 to 1) of {@code values}. */
  static long percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static long[] concat(long[] a, long[] b) {
    long[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
