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
        "%n| stream | Toolstream | SDK %s | raw line read | Toolstream vs SDK | Toolstream vs raw"
            + " (time) | bytes allocated per event: Toolstream / SDK |%n"
            + "|---|---:|---:|---:|---:|---:|---:|%n",
        SdkReader.VERSION);
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
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s / %s |%n",
          describe(stream),
          timeAndRate(stream, toolstream),
          timeAndRate(stream, sdk),
          time(raw),
          toolstream == null || sdk == null
              ? "–"
              : String.format(Locale.ROOT, "**%.1f×**", score(sdk) / score(toolstream)),
          toolstream == null || raw == null
              ? "–"
              : String.format(Locale.ROOT, "%.2f×", score(toolstream) / score(raw)),
          toolstream == null ? "–" : perEvent(toolstream, stream.events()),
          sdk == null ? "–" : perEvent(sdk, stream.events()));
    }
  }

  /** Names a stream as the README's table does: what it holds and how the server writes it. */
  static String describe(SyntheticStream stream) {
    String size =
        String.format(Locale.ROOT, "%,d events, %.2f MB", stream.events(), stream.megabytes());
    String writes =
        stream.tiny()
            ? String.format(
                Locale.ROOT,
                "tiny chunks coalesced (%d–%d B writes, not flushed)",
                stream.minWrite(),
                stream.maxWrite())
            : String.format(Locale.ROOT, "%d KiB chunks", stream.maxWrite() / 1024);
    switch (stream.name()) {
      case SyntheticStream.TEXT:
      case SyntheticStream.TEXT_TINY:
        return "text: " + size + " (ASCII, escapes, CJK, emoji), " + writes;
      case SyntheticStream.TOOL_1MB:
      case SyntheticStream.TOOL_1MB_TINY:
        return "tool_1mb: 1 MB input in 20,000 fragments cut anywhere, " + size + ", " + writes;
      default:
        return "three_tools: three 50 KB inputs, " + size + ", " + writes;
    }
  }

  private static String time(JsonNode result) {
    return result == null
        ? "–"
        : String.format(
            Locale.ROOT,
            "%.1f ± %.1f ms",
            score(result),
            result.path("primaryMetric").path("scoreError").asDouble());
  }

  private static String timeAndRate(SyntheticStream stream, JsonNode result) {
    return result == null
        ? "–"
        : String.format(
            Locale.ROOT, "%s, %.0f MB/s", time(result), stream.megabytes() / (score(result) / 1e3));
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
