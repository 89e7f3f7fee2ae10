package dev.toolstream.bench;

import static java.util.stream.Collectors.toList;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.sse.EventParser;
import dev.toolstream.internal.sse.SseReader;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.BufferedSource;
import okio.Okio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.core.JsonParser;

/**
 * Splits Toolstream's cost per layer, in memory (no HTTP): lines alone, then the SSE reader, then
 * the SSE reader with event parsing, then the whole {@link MessageStream} with accumulation. The
 * difference between two neighbours is what the added layer costs; it points a profile at the class
 * to fix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LayerBenchmark {
  /** Which generated stream to read. */
  @Param({SyntheticStream.TEXT, SyntheticStream.TOOL_1MB})
  public String stream;

  private byte[] body;
  private List<char[]> toolInputs;

  /** Generates the stream. */
  @Setup(Level.Trial)
  public void setUp() {
    SyntheticStream generated = SyntheticStream.named(stream);
    body = generated.body();
    toolInputs = generated.toolInputs().stream().map(String::toCharArray).collect(toList());
  }

  private BufferedSource source() {
    return Okio.buffer(Okio.source(new ByteArrayInputStream(body)));
  }

  /** Lines alone: {@code readUtf8Line()} over the bytes. */
  @Benchmark
  public long lines() throws IOException {
    BufferedSource source = source();
    long total = 0;
    String line;
    while ((line = source.readUtf8Line()) != null) {
      total += line.length();
    }
    return total;
  }

  /** The SSE reader ({@code internal.sse.SseReader}) with a handler that keeps nothing. */
  @Benchmark
  public void sse(Blackhole blackhole) throws IOException {
    SseReader reader = new SseReader(source());
    SseReader.DataHandler handler = (name, data, length) -> blackhole.consume(length);
    while (reader.next(handler)) {
      // Each event goes to the handler.
    }
  }

  /** The SSE reader and {@code internal.json.EventParser} for each event. */
  @Benchmark
  public void sseAndParse(Blackhole blackhole) throws IOException {
    SseReader reader = new SseReader(source());
    SseReader.DataHandler handler =
        (name, data, length) -> blackhole.consume(EventParser.parse(name, data, length));
    while (reader.next(handler)) {
      // Each event is parsed.
    }
  }

  /**
   * The stream's tool inputs parsed into trees, once each, as the accumulator does when a tool
   * call's block ends: the part of {@link #messageStream} that a raw read of the stream does not
   * do at all. Not a layer; nothing for the text stream.
   */
  @Benchmark
  public void toolInputParse(Blackhole blackhole) {
    for (char[] input : toolInputs) {
      blackhole.consume(Json.parse(input, input.length, StreamLimits.DEFAULTS.maxNestingDepth()));
    }
  }

  /**
   * The same inputs parsed by Jackson's own tree reader with the library's settings, which {@link
   * #toolInputParse} reads without a Jackson parser: the difference is what that scanner saves.
   */
  @Benchmark
  public void toolInputParseByJackson(Blackhole blackhole) {
    for (char[] input : toolInputs) {
      try (JsonParser parser = Json.MAPPER.createParser(input, 0, input.length)) {
        blackhole.consume(Json.MAPPER.readTree(parser));
      }
    }
  }

  /** Everything: {@code MessagesClient.streamOf(bytes).finalMessage()}, accumulation included. */
  @Benchmark
  public Object messageStream() {
    return MessagesClient.streamOf(new ByteArrayInputStream(body)).finalMessage();
  }
}
