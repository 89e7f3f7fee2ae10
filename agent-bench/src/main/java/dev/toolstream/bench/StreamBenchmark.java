package dev.toolstream.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Consumes a whole stream into its final message over loopback HTTP: Toolstream, the official SDK,
 * and a raw line read of the same bytes (the floor). Each contender is checked once, in setup, to
 * read the stream correctly before it is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class StreamBenchmark {
  /** Which generated stream to read. */
  @Param({
    SyntheticStream.TEXT,
    SyntheticStream.TEXT_TINY,
    SyntheticStream.TOOL_1MB,
    SyntheticStream.TOOL_1MB_TINY,
    SyntheticStream.THREE_TOOLS
  })
  public String stream;

  private LoopbackServer server;
  private ToolstreamReader toolstream;
  private SdkReader sdk;
  private RawReader raw;

  /** Starts the server, builds the three readers and checks that each reads the stream right. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SyntheticStream generated = SyntheticStream.named(stream);
    server = LoopbackServer.start();
    String baseUrl = generated.serveOn(server);
    toolstream = new ToolstreamReader(baseUrl);
    sdk = new SdkReader(baseUrl);
    raw = new RawReader(baseUrl);
    Expectations.check(generated, toolstream.read());
    Expectations.check(generated, sdk.read());
    Expectations.check(generated, raw.read());
    System.out.printf(
        "%n[stream %s: %,d bytes, %,d events, written %,d to %,d bytes at a time, not flushed]%n",
        stream,
        generated.body().length,
        generated.events(),
        generated.minWrite(),
        generated.maxWrite());
  }

  /** Stops the server and releases the readers' connections. */
  @TearDown(Level.Trial)
  public void tearDown() {
    toolstream.close();
    sdk.close();
    raw.close();
    server.close();
  }

  /** Toolstream: {@code MessagesClient.stream(request).finalMessage()}. */
  @Benchmark
  public Object toolstream() {
    return toolstream.read();
  }

  /** The SDK: {@code createStreaming(params)} into a {@code MessageAccumulator}. */
  @Benchmark
  public Object sdk() {
    return sdk.read();
  }

  /** The floor: the same bytes read line by line with {@code readUtf8Line()}. */
  @Benchmark
  public long raw() {
    return raw.read();
  }
}
