package dev.toolstream.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random stream of Messages API events, as the JSON text of each event's data, in order:
 * text with citations, thinking with its signature, tool calls whose input arrives in fragments cut
 * anywhere (negative zero, long and exact numbers, exponents, unicode escapes), server tool calls
 * and results, redacted thinking, blocks of unknown types, pings, unknown events and deltas, and
 * fields nobody knows at every level. The same seed gives the same stream.
 */
final class RandomStream {
  private static final String[] NUMBERS = {
    "0",
    "-0.0",
    "7",
    "-12",
    "1.10",
    "3.14159",
    "0.000001",
    "1e5",
    "1E-7",
    "-2.5e+10",
    "12345678901234567.89",
    "123456789012345678901234567890",
    "9007199254740993",
    "1e400"
  };
  private static final String[] WORDS = {
    "Paris",
    "東京",
    "naïve",
    "😀 ok",
    "quote \" inside",
    "back\\slash",
    "line\nbreak",
    "tab\there",
    "slash / here",
    "",
    "ü",
    "\u2028 separator",
    "𝄞 clef",
    "plain words "
  };
  private static final String[] STOP_REASONS = {
    "end_turn",
    "tool_use",
    "max_tokens",
    "pause_turn",
    "refusal",
    "stop_sequence",
    "model_context_window_exceeded",
    "x_future_reason"
  };

  private final Random random;
  private final List<String> events = new ArrayList<>();
  private int names;

  private RandomStream(long seed) {
    this.random = new Random(seed);
  }

  /** Returns the data of every event of the stream seed {@code seed} gives. */
  static List<String> events(long seed) {
    RandomStream stream = new RandomStream(seed);
    stream.generate(seed);
    return stream.events;
  }

  private void generate(long seed) {
    events.add(messageStart(seed));
    int blocks = random.nextInt(7);
    for (int index = 0; index < blocks; index++) {
      noise();
      block(index);
    }
    noise();
    events.add(messageDelta());
    if (random.nextInt(4) == 0) {
      events.add(messageDelta());
    }
    noise();
    events.add("{\"type\":\"message_stop\"}");
  }

  private String messageStart(long seed) {
    StringBuilder usage = new StringBuilder();
    usage.append("\"input_tokens\":").append(random.nextInt(5000));
    usage.append(",\"output_tokens\":").append(random.nextInt(5));
    usage.append(",\"cache_creation_input_tokens\":").append(random.nextInt(3) * 100);
    usage.append(",\"cache_read_input_tokens\":").append(random.nextInt(3) * 1000);
    if (chance(2)) {
      usage
          .append(",\"cache_creation\":{\"ephemeral_5m_input_tokens\":100,")
          .append("\"ephemeral_1h_input_tokens\":0}");
    }
    if (chance(2)) {
      usage.append(",\"service_tier\":\"standard\"");
    }
    if (chance(2)) {
      usage.append(",\"server_tool_use\":{\"web_search_requests\":0}");
    }
    usage.append(futureField());
    String message =
        "{\"id\":\"msg_"
            + seed
            + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
            + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null"
            + (chance(3) ? ",\"stop_details\":null" : "")
            + (chance(3) ? ",\"container\":null" : "")
            + futureField()
            + ",\"usage\":{"
            + usage
            + "}}";
    return "{\"type\":\"message_start\",\"message\":" + message + futureField() + "}";
  }

  private void block(int index) {
    switch (random.nextInt(8)) {
      case 0:
      case 1:
        text(index);
        break;
      case 2:
        thinking(index);
        break;
      case 3:
      case 4:
        call(index, "tool_use", "toolu_" + name(), "get_" + name());
        break;
      case 5:
        call(index, "server_tool_use", "srvtoolu_" + name(), "web_search");
        break;
      case 6:
        whole(index, webSearchResult());
        break;
      default:
        whole(
            index,
            chance(2)
                ? "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy"
                    + name()
                    + "\""
                    + futureField()
                    + "}"
                : "{\"type\":\"x_block_"
                    + name()
                    + "\",\"payload\":"
                    + value(3)
                    + ",\"n\":"
                    + number()
                    + "}");
    }
  }

  private void text(int index) {
    String citations = chance(3) ? ",\"citations\":null" : chance(3) ? ",\"citations\":[]" : "";
    if (chance(6)) {
      citations = ",\"citations\":[" + citation() + "]";
    }
    String initial = chance(5) ? string(word()) : "\"\"";
    start(index, "{\"type\":\"text\",\"text\":" + initial + citations + futureField() + "}");
    int deltas = random.nextInt(6);
    for (int i = 0; i < deltas; i++) {
      if (chance(3)) {
        delta(index, "{\"type\":\"citations_delta\",\"citation\":" + citation() + "}");
      } else {
        delta(index, "{\"type\":\"text_delta\",\"text\":" + string(word()) + futureField() + "}");
      }
      blockNoise(index);
    }
    stop(index);
  }

  private void thinking(int index) {
    start(
        index, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"" + futureField() + "}");
    int deltas = random.nextInt(4);
    for (int i = 0; i < deltas; i++) {
      delta(index, "{\"type\":\"thinking_delta\",\"thinking\":" + string(word()) + "}");
      blockNoise(index);
    }
    if (!chance(5)) {
      delta(index, "{\"type\":\"signature_delta\",\"signature\":\"ErUB" + name() + "==\"}");
    }
    stop(index);
  }

  private void call(int index, String type, String id, String name) {
    String caller =
        chance(3)
            ? ",\"caller\":null"
            : chance(3)
                ? ",\"caller\":{\"type\":\"code_execution_20250825\",\"tool_id\":\"srvtoolu_9\"}"
                : chance(3) ? ",\"caller\":{\"type\":\"direct\"}" : "";
    start(
        index,
        "{\"type\":\""
            + type
            + "\",\"id\":\""
            + id
            + "\",\"name\":\""
            + name
            + "\",\"input\":{}"
            + caller
            + futureField()
            + "}");
    if (chance(6)) {
      stop(index); // No fragments at all: the input stays {}.
      return;
    }
    String input = chance(6) ? "" : object(3);
    for (String fragment : fragments(input)) {
      delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + string(fragment) + "}");
      blockNoise(index);
    }
    stop(index);
  }

  private String webSearchResult() {
    return "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_"
        + name()
        + "\","
        + "\"content\":[{\"type\":\"web_search_result\",\"url\":\"https://example.com/"
        + name()
        + "\",\"title\":"
        + string(word())
        + ",\"encrypted_content\":\"Eo8B"
        + name()
        + "\",\"page_age\":"
        + (chance(2) ? "null" : "\"2 days ago\"")
        + "}]"
        + (chance(2) ? ",\"caller\":null" : "")
        + futureField()
        + "}";
  }

  private String citation() {
    String fileId = chance(2) ? ",\"file_id\":null" : chance(2) ? ",\"file_id\":\"file_011\"" : "";
    String title = chance(2) ? "null" : string(word());
    String cited = ",\"cited_text\":" + string(word());
    switch (random.nextInt(6)) {
      case 0:
        return "{\"type\":\"char_location\""
            + cited
            + ",\"document_index\":0,\"document_title\":"
            + title
            + ",\"start_char_index\":3,\"end_char_index\":9"
            + fileId
            + futureField()
            + "}";
      case 1:
        return "{\"type\":\"page_location\""
            + cited
            + ",\"document_index\":1,\"document_title\":"
            + title
            + ",\"start_page_number\":2,\"end_page_number\":3"
            + fileId
            + "}";
      case 2:
        return "{\"type\":\"content_block_location\""
            + cited
            + ",\"document_index\":2,"
            + "\"document_title\":"
            + title
            + ",\"start_block_index\":0,\"end_block_index\":1"
            + fileId
            + "}";
      case 3:
        return "{\"type\":\"web_search_result_location\""
            + cited
            + ",\"url\":\"https://e.x/\","
            + "\"title\":"
            + title
            + ",\"encrypted_index\":\"Eo8B\""
            + futureField()
            + "}";
      case 4:
        return "{\"type\":\"search_result_location\""
            + cited
            + ",\"search_result_index\":0,"
            + "\"source\":\"kb\",\"title\":"
            + title
            + ",\"start_block_index\":0,"
            + "\"end_block_index\":1}";
      default:
        return "{\"type\":\"x_citation\"" + cited + ",\"file_id\":null,\"where\":" + value(2) + "}";
    }
  }

  private String messageDelta() {
    StringBuilder delta = new StringBuilder();
    delta
        .append("\"stop_reason\":")
        .append(chance(8) ? "null" : string(STOP_REASONS[random.nextInt(STOP_REASONS.length)]));
    delta.append(",\"stop_sequence\":").append(chance(4) ? "\"STOP\"" : "null");
    if (chance(3)) {
      delta
          .append(",\"stop_details\":")
          .append(
              chance(2)
                  ? "null"
                  : "{\"type\":\"refusal\",\"category\":\"cyber\",\"explanation\":"
                      + string(word())
                      + "}");
    }
    if (chance(2)) {
      delta
          .append(",\"container\":")
          .append(
              chance(4)
                  ? "null"
                  : "{\"id\":\"container_"
                      + name()
                      + "\",\"expires_at\":\"2026-12-02T08:00:00Z\"}");
    }
    delta.append(futureField());
    StringBuilder usage = new StringBuilder("\"output_tokens\":" + random.nextInt(4000));
    if (chance(2)) {
      usage.append(",\"input_tokens\":").append(chance(3) ? "null" : random.nextInt(9000));
    }
    if (chance(3)) {
      usage.append(",\"cache_read_input_tokens\":null");
    }
    if (chance(2)) {
      usage
          .append(",\"server_tool_use\":{\"web_search_requests\":")
          .append(random.nextInt(5))
          .append('}');
    }
    if (chance(4)) {
      usage.append(",\"service_tier\":null");
    }
    usage.append(futureField());
    return "{\"type\":\"message_delta\",\"delta\":{"
        + delta
        + "},\"usage\":{"
        + usage
        + "}"
        + futureField()
        + "}";
  }

  /** Pings and events of unknown types between blocks. */
  private void noise() {
    if (chance(4)) {
      events.add("{\"type\":\"ping\"}");
    }
    if (chance(6)) {
      events.add("{\"type\":\"x_event_" + name() + "\",\"data\":" + value(2) + "}");
    }
  }

  /** A delta of an unknown type, or a ping, inside a block. */
  private void blockNoise(int index) {
    if (chance(8)) {
      delta(index, "{\"type\":\"x_delta\",\"x\":" + value(2) + "}");
    }
    if (chance(10)) {
      events.add("{\"type\":\"ping\"}");
    }
  }

  private void start(int index, String block) {
    events.add(
        "{\"type\":\"content_block_start\",\"index\":"
            + index
            + ",\"content_block\":"
            + block
            + futureField()
            + "}");
  }

  private void whole(int index, String block) {
    start(index, block);
    stop(index);
  }

  private void delta(int index, String delta) {
    String spacing = chance(8) ? " " : "";
    events.add(
        "{\"type\":\"content_block_delta\","
            + spacing
            + "\"index\":"
            + index
            + ",\"delta\":"
            + delta
            + (chance(10) ? futureFieldAlways() : "")
            + "}");
  }

  private void stop(int index) {
    events.add("{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  /** Cuts {@code input} anywhere but inside a surrogate pair, which the API never splits. */
  private List<String> fragments(String input) {
    List<String> fragments = new ArrayList<>();
    if (chance(2)) {
      fragments.add("");
    }
    int from = 0;
    while (from < input.length()) {
      int to = Math.min(input.length(), from + 1 + random.nextInt(12));
      if (to < input.length() && Character.isHighSurrogate(input.charAt(to - 1))) {
        to++;
      }
      fragments.add(input.substring(from, to));
      from = to;
    }
    return fragments;
  }

  /** A JSON object's text with random spacing, numbers in every spelling and escaped strings. */
  private String object(int depth) {
    int fields = random.nextInt(5);
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < fields; i++) {
      json.append(i == 0 ? "" : ",").append(space());
      json.append(string("k" + i + word())).append(space()).append(':').append(space());
      json.append(value(depth - 1));
    }
    return json.append(space()).append('}').toString();
  }

  private String value(int depth) {
    switch (random.nextInt(depth > 0 ? 7 : 5)) {
      case 0:
        return number();
      case 1:
        return string(word());
      case 2:
        return chance(2) ? "true" : "false";
      case 3:
        return "null";
      case 4:
        return number();
      case 5:
        return object(depth);
      default:
        StringBuilder array = new StringBuilder("[");
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
          array.append(i == 0 ? "" : ",").append(space()).append(value(depth - 1));
        }
        return array.append(']').toString();
    }
  }

  private String number() {
    return NUMBERS[random.nextInt(NUMBERS.length)];
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  /** A JSON string of {@code text}, each character written plain or escaped at random. */
  private String string(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        char low = text.charAt(++i); // Both halves plain or both escaped, never one alone.
        json.append(chance(3) ? String.format("\\u%04x\\u%04x", (int) c, (int) low) : c + "" + low);
      } else if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c == '\n') {
        json.append(chance(2) ? "\\n" : "\\u000a");
      } else if (c == '\t') {
        json.append("\\t");
      } else if (c == '/' && chance(2)) {
        json.append("\\/");
      } else if (c < 0x20 || c == '\u2028' || chance(6)) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private String space() {
    return chance(4) ? " " : chance(8) ? "\t " : "";
  }

  /** Sometimes a field no version of the API has sent yet, with a random value; else nothing. */
  private String futureField() {
    return chance(4) ? futureFieldAlways() : "";
  }

  private String futureFieldAlways() {
    return ",\"x_future_" + name() + "\":" + value(2);
  }

  private String name() {
    return Integer.toString(++names, 36);
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }
}
