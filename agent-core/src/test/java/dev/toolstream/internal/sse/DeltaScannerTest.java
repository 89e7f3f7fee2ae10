package dev.toolstream.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.stream.Delta;
import dev.toolstream.stream.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

/**
 * The scanner reads the compact delta layout exactly as a JSON parser would, and declines every
 * other shape so that the parser decides.
 */
class DeltaScannerTest {
  private static final String[] ALPHABET = {
    "a", "Z", " ", "0", "é", "東京", "😀", "\n", "\t", "\r", "\"", "\\", "/", "\b", "\f", "\u0000",
    "\u001f", "\u2028", "}", "{", ":", ","
  };

  /**
   * Scans {@code data} as a string and as the UTF-8 bytes the SSE reader holds, and checks that
   * both read the same.
   */
  private static StreamEvent scan(String data) {
    StreamEvent scanned = DeltaScanner.scan(data);
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    if (new String(bytes, StandardCharsets.UTF_8).equals(data)) { // UTF-8 has no lone surrogate.
      StreamEvent fromBytes = DeltaScanner.scan(bytes, bytes.length);
      assertThat(fromBytes).as("from bytes: " + data).isEqualTo(scanned);
      if (fromBytes == null) {
        assertThat(bytes).as("declined, so left as it came").isEqualTo(data.getBytes(StandardCharsets.UTF_8));
      }
    }
    return scanned;
  }

  private static String delta(int index, String type, String field, String encodedPayload) {
    return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"" + type
        + "\",\"" + field + "\":\"" + encodedPayload + "\"}}";
  }

  /** Encodes {@code text} as a JSON string body, choosing each character's escape at random. */
  private static String encode(String text, Random random) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
      int choice = random.nextInt(3);
      if (choice == 0 || (mustEscape && choice == 1 && shortEscape(c) == null)) {
        out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
      } else if (mustEscape || (choice == 1 && shortEscape(c) != null)) {
        out.append(shortEscape(c) != null ? shortEscape(c) : String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String shortEscape(char c) {
    switch (c) {
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      case '/':
        return "\\/";
      case '\b':
        return "\\b";
      case '\f':
        return "\\f";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        return null;
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void anyPayloadEncodedAnyValidWayDecodesToWhatJacksonReads(int seed) {
    Random random = new Random(seed);
    String[][] kinds = {
      {"text_delta", "text"},
      {"input_json_delta", "partial_json"},
      {"thinking_delta", "thinking"},
      {"signature_delta", "signature"}
    };
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      String[] kind = kinds[random.nextInt(kinds.length)];
      int index = random.nextInt(3) == 0 ? random.nextInt(100_000) : random.nextInt(4);
      String data = delta(index, kind[0], kind[1], encode(text.toString(), random));

      StreamEvent scanned = scan(data);

      assertThat(scanned).as(data).isNotNull().isEqualTo(viaJackson(data));
      Delta delta = ((StreamEvent.ContentBlockDelta) scanned).delta();
      assertThat(delta.type()).isEqualTo(kind[0]);
    }
  }

  /** What the parser makes of {@code data} when the scanner is out of the way. */
  private static StreamEvent viaJackson(String data) {
    String spaced = data.replace("{\"type\":\"content_block_delta\",", "{ \"type\":\"content_block_delta\",");
    assertThat(scan(spaced)).isNull();
    return EventParser.parse(null, spaced);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Another key order, spacing or an extra field: valid JSON the scanner leaves to Jackson.
        "{\"index\":0,\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"text\":\"hi\",\"type\":\"text_delta\"}}",
        "{\"type\":\"content_block_delta\", \"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\",\"x\":1}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"},\"x\":1}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\",\"citation\":{}}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n",
      })
  void otherValidShapesAreLeftToTheParserWhichReadsThem(String data) {
    assertThat(scan(data)).isNull();
    assertThat(EventParser.parse(null, data)).isInstanceOf(StreamEvent.ContentBlockDelta.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"b\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\\x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\\u12G4\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\\u12\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\\\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"tab\there\"}}",
        "{\"type\":\"content_block_delta\",\"index\":01,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}",
        "{\"type\":\"content_block_delta\",\"index\":,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a",
      })
  void invalidJsonIsDeclinedSoThatTheParserReportsIt(String data) {
    assertThat(scan(data)).isNull();
    assertThatThrownBy(() -> EventParser.parse(null, data)).isInstanceOf(JacksonException.class);
  }

  @Test
  void bytesThatAreNotUtf8ReadAsReplacementCharactersAsInAString() {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(delta(0, "text_delta", "text", "a").getBytes(StandardCharsets.UTF_8));
    byte[] head = data.toByteArray();
    data.reset();
    data.write(head, 0, head.length - 4); // Up to the payload "a".
    data.writeBytes(new byte[] {(byte) 0xe6, (byte) 0x97, '\\', 'n', (byte) 0xff, 'b'});
    data.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
    byte[] bytes = data.toByteArray();
    StreamEvent fromText = EventParser.parse(null, new String(bytes, StandardCharsets.UTF_8));

    StreamEvent fromBytes = EventParser.parse(null, bytes, bytes.length);

    assertThat(fromBytes)
        .isEqualTo(fromText)
        .isEqualTo(new StreamEvent.ContentBlockDelta(0, new Delta.Text("\ufffd\n\ufffdb")));
  }
}
