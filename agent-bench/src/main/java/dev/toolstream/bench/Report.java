package dev.toolstream.bench;

import java.io.File;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JMH JSON result file ({@code -rf json}) into the markdown tables of the README's
 * Performance section: time, MB/s, bytes allocated per event and the ratios the targets name.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.Report jmh-result.json}.
 */
public final class Report {
  private Report() {}

  /** Prints the tables for the results in {@code args[0]}. */
  public static void main(String[] args) {
    JsonNode results = JsonMapper.builder().build().readTree(new File(args[0]));
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode result : results) {
      String method = result.path("benchmark").asString();
      method = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
      JsonNode params = result.path("params");
      String param =
          params.has("stream")
              ? params.path("stream").asString()
              : params.has("scale") ? params.path("scale").asString() : "";
      byKey.put(method + "/" + param, result);
    }
    streams(byKey);
    assembly(byKey);
    layers(byKey);
    agentLoop(byKey);
  }

  private static void layers(Map<String, JsonNode> byKey) {
    if (byKey.keySet().stream().noneMatch(key -> key.startsWith("LayerBenchmark."))) {
      return;
    }
    System.out.printf(
        "%n| stream (in memory) | layer | ms/op | B/event | added by this layer |%n"
            + "|---|---|---:|---:|---|%n");
    String[][] layers = {
      {"lines", "lines (readUtf8Line)"},
      {"sse", "+ SseReader"},
      {"sseAndParse", "+ EventParser"},
      {"messageStream", "+ MessageAccumulator, MessageStream"}
    };
    for (String name : new String[] {SyntheticStream.TEXT, SyntheticStream.TOOL_1MB}) {
      SyntheticStream stream = SyntheticStream.named(name);
      JsonNode previous = null;
      for (String[] layer : layers) {
        JsonNode result = byKey.get("LayerBenchmark." + layer[0] + "/" + name);
        if (result == null) {
          continue;
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %.1f | %s | %s |%n",
            name,
            layer[1],
            score(result),
            perEvent(result, stream.events()),
            previous == null
                ? "–"
                : String.format(
                    Locale.ROOT,
                    "%+.1f ms, %+,.0f B/event",
                    score(result) - score(previous),
                    (norm(result) - norm(previous)) / stream.events()));
        previous = result;
      }
      JsonNode parse = byKey.get("LayerBenchmark.toolInputParse/" + name);
      JsonNode whole = byKey.get("LayerBenchmark.messageStream/" + name);
      if (parse != null && whole != null && !stream.toolInputs().isEmpty()) {
        System.out.printf(
            Locale.ROOT,
            "| %s | of which the tool input's one parse into a tree | %.1f | %s | %.0f%% of the"
                + " whole stream's time |%n",
            name,
            score(parse),
            perEvent(parse, stream.events()),
            100 * score(parse) / score(whole));
      }
    }
  }

  private static void agentLoop(Map<String, JsonNode> byKey) {
    JsonNode run = byKey.get("AgentLoopBenchmark.agentRun/");
    JsonNode direct = byKey.get("AgentLoopBenchmark.twoStreams/");
    if (run == null || direct == null) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%n| agent loop (test kit, 2 turns, 1 no-op tool call) | µs/op | KB allocated/op |%n"
            + "|---|---:|---:|%n"
            + "| Agent.run | %.0f ± %.0f | %.0f |%n"
            + "| the same two streams by hand | %.0f ± %.0f | %.0f |%n"
            + "| loop overhead per turn | %.0f | %.1f |%n",
        score(run),
        run.path("primaryMetric").path("scoreError").asDouble(),
        norm(run) / 1e3,
        score(direct),
        direct.path("primaryMetric").path("scoreError").asDouble(),
        norm(direct) / 1e3,
        (score(run) - score(direct)) / 2,
        (norm(run) - norm(direct)) / 2e3);
  }

  private static double norm(JsonNode result) {
    return result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble();
  }

  private static void streams(Map<String, JsonNode> byKey) {
    if (byKey.keySet().stream().noneMatch(key -> key.startsWith("StreamBenchmark."))) {
      return;
    }
    System.out.printf(
        "%n| stream | size | events | reader | ms/op | MB/s | B/event | vs SDK | vs raw |%n"
            + "|---|---:|---:|---|---:|---:|---:|---:|---:|%n");
    for (String name :
        new String[] {
          SyntheticStream.TEXT,
          SyntheticStream.TEXT_TINY,
          SyntheticStream.TOOL_1MB,
          SyntheticStream.TOOL_1MB_TINY,
          SyntheticStream.THREE_TOOLS
        }) {
      JsonNode toolstream = byKey.get("StreamBenchmark.toolstream/" + name);
      JsonNode sdk = byKey.get("StreamBenchmark.sdk/" + name);
      JsonNode raw = byKey.get("StreamBenchmark.raw/" + name);
      if (toolstream == null && sdk == null && raw == null) {
        continue;
      }
      SyntheticStream stream = SyntheticStream.named(name);
      row(stream, "Toolstream", toolstream, sdk, raw);
      row(stream, "SDK " + SdkReader.VERSION, sdk, sdk, raw);
      row(stream, "raw readUtf8Line", raw, sdk, raw);
    }
  }

  private static void row(
      SyntheticStream stream, String reader, JsonNode result, JsonNode sdk, JsonNode raw) {
    if (result == null) {
      return;
    }
    double ms = score(result);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.2f MB | %,d | %s | %.1f ± %.1f | %.0f | %s | %s | %s |%n",
        stream.name(),
        stream.megabytes(),
        stream.events(),
        reader,
        ms,
        result.path("primaryMetric").path("scoreError").asDouble(),
        stream.megabytes() / (ms / 1e3),
        perEvent(result, stream.events()),
        sdk == null ? "–" : String.format(Locale.ROOT, "%.1f×", score(sdk) / ms),
        raw == null ? "–" : String.format(Locale.ROOT, "%.1f× the time", ms / score(raw)));
  }

  private static void assembly(Map<String, JsonNode> byKey) {
    JsonNode base = byKey.get("AssemblyBenchmark.toolstream/1");
    JsonNode sdkBase = byKey.get("AssemblyBenchmark.sdkAccumulator/1");
    if (base == null) {
      return;
    }
    System.out.printf(
        "%n| tool input | fragments | Toolstream µs/op | µs per KB | growth vs 1× (size grows"
            + " 1/10/100×) | B/event | SDK accumulate µs/op | SDK growth |%n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|%n");
    for (String scale : new String[] {"1", "10", "100"}) {
      JsonNode result = byKey.get("AssemblyBenchmark.toolstream/" + scale);
      JsonNode sdk = byKey.get("AssemblyBenchmark.sdkAccumulator/" + scale);
      if (result == null) {
        continue;
      }
      int factor = Integer.parseInt(scale);
      int bytes = AssemblyBenchmark.BASE_BYTES * factor;
      SyntheticStream stream =
          SyntheticStream.toolInput(bytes, AssemblyBenchmark.BASE_FRAGMENTS * factor);
      double us = score(result);
      System.out.printf(
          Locale.ROOT,
          "| %,d KB | %,d | %.0f | %.2f | %.1f× | %s | %s | %s |%n",
          bytes / 1000,
          AssemblyBenchmark.BASE_FRAGMENTS * factor,
          us,
          us / (bytes / 1000.0),
          us / score(base),
          perEvent(result, stream.events()),
          sdk == null ? "–" : String.format(Locale.ROOT, "%.0f", score(sdk)),
          sdk == null || sdkBase == null
              ? "–"
              : String.format(Locale.ROOT, "%.1f×", score(sdk) / score(sdkBase)));
    }
  }

  private static double score(JsonNode result) {
    return result.path("primaryMetric").path("score").asDouble();
  }

  private static String perEvent(JsonNode result, int events) {
    JsonNode norm = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
    return norm.isMissingNode()
        ? "–"
        : String.format(Locale.ROOT, "%,.0f", norm.path("score").asDouble() / events);
  }
}
