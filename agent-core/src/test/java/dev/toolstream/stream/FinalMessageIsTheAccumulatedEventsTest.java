package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The differential property: for any stream, the final message written back to JSON is the
 * accumulation of the events' JSON (see {@link ReferenceAccumulator}), and {@link
 * Message#toParam()} is that message minus only the response-only fields. Both sides are read
 * twice, as trees of doubles (which tell {@code -0.0} from {@code 0.0}) and as trees of {@code
 * BigDecimal} (which tell {@code 1.10} from {@code 1.1} and keep every digit).
 */
class FinalMessageIsTheAccumulatedEventsTest {
  private static final JsonMapper DOUBLES = JsonMapper.builder().build();
  private static final JsonMapper DECIMALS =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private static final List<JsonMapper> READERS = List.of(DOUBLES, DECIMALS);

  static long[] seeds() {
    return LongStream.range(0, 320).toArray();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theFinalMessageIsTheAccumulatedEventsAndGoesBackWithoutOnlyResponseFields(long seed) {
    List<String> events = RandomStream.events(seed);

    Message message = read(sse(events));

    assertMatchesReference(events, message, "seed " + seed);
  }

  static List<String> fixtures() {
    return Fixtures.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyRecordedFixtureRoundTrips(String fixture) {
    List<String> events = dataOf(Fixtures.text(fixture));

    Message message = read(Fixtures.text(fixture));

    assertMatchesReference(events, message, fixture);
  }

  private static void assertMatchesReference(List<String> events, Message message, String name) {
    String written = Json.write(MessageCodec.writeMessage(message));
    String sentBack = Json.write(MessageCodec.writeParam(message.toParam()));
    for (JsonMapper reader : READERS) {
      var expected = ReferenceAccumulator.message(events, reader);
      assertThat(reader.readTree(written)).as(name).isEqualTo(expected);
      assertThat(reader.readTree(sentBack))
          .as(name + ", sent back")
          .isEqualTo(ReferenceAccumulator.requestMessage(expected, reader));
    }
  }

  /** Returns the final message, or the partial one of a stream that ends in an error event. */
  private static Message read(String sse) {
    byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
    try (MessageStream stream = MessagesClient.streamOf(new ByteArrayInputStream(bytes))) {
      return stream.finalMessage();
    } catch (StreamErrorException e) {
      return e.partialMessage();
    }
  }

  private static String sse(List<String> events) {
    StringBuilder sse = new StringBuilder();
    for (String data : events) {
      String type = DOUBLES.readTree(data).get("type").asString();
      sse.append("event: ").append(type).append("\ndata: ").append(data).append("\n\n");
    }
    return sse.toString();
  }

  /** Returns the data of each event of a recorded stream: a plain reading, enough for fixtures. */
  private static List<String> dataOf(String sse) {
    List<String> events = new ArrayList<>();
    String normalized = sse.replace("\r\n", "\n").replace('\r', '\n');
    for (String event : normalized.split("\n\n")) {
      StringBuilder data = null;
      for (String line : event.split("\n")) {
        if (line.startsWith("data:")) {
          String value = line.substring(line.startsWith("data: ") ? 6 : 5);
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
      if (data != null) {
        events.add(data.toString());
      }
    }
    return events;
  }
}
