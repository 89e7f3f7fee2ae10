package dev.toolstream.bench;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.stream.MessageStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tool-input assembly at 1×, 10× and 100× the size (10 KB in 200 fragments, 100 KB in 2,000, 1 MB
 * in 20,000), in memory: time per KB must stay flat. Toolstream reads the whole stream from bytes
 * through {@link MessagesClient#streamOf}; the SDK's {@code MessageAccumulator} is given events parsed
 * beforehand, so only its accumulation is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AssemblyBenchmark {
  /** The base tool input size in bytes, and its fragment count. */
  public static final int BASE_BYTES = 10_000;

  /** Fragments at the base size: 50 bytes each on average, as in the 1 MB stream. */
  public static final int BASE_FRAGMENTS = 200;

  /** How many times the base size the input is. */
  @Param({"1", "10", "100"})
  public int scale;

  private SyntheticStream stream;
  private List<RawMessageStreamEvent> sdkEvents;

  /** Generates the stream, parses it for the SDK, and checks that both assemble it right. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    stream = SyntheticStream.toolInput(BASE_BYTES * scale, BASE_FRAGMENTS * scale);
    sdkEvents = new ArrayList<>();
    for (String line : new String(stream.body(), StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("data: ")) {
        sdkEvents.add(
            ObjectMappers.jsonMapper()
                .readValue(line.substring("data: ".length()), RawMessageStreamEvent.class));
      }
    }
    Expectations.check(stream, toolstream());
    Expectations.check(stream, sdkAccumulator());
  }

  /** Toolstream: SSE, event parsing and assembly, from bytes in memory. */
  @Benchmark
  public dev.toolstream.messages.Message toolstream() {
    return MessagesClient.streamOf(new ByteArrayInputStream(stream.body())).finalMessage();
  }

  /** The SDK's {@code MessageAccumulator} alone, over events parsed beforehand. */
  @Benchmark
  public com.anthropic.models.messages.Message sdkAccumulator() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    for (RawMessageStreamEvent event : sdkEvents) {
      accumulator.accumulate(event);
    }
    return accumulator.message();
  }
}
