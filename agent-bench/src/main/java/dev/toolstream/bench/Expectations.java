package dev.toolstream.bench;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that a contender read a {@link SyntheticStream} correctly, so that no benchmark measures a
 * reader that gets the wrong answer. Each check throws {@link IllegalStateException} saying what
 * differs.
 */
final class Expectations {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Expectations() {}

  /** Checks Toolstream's final message: its text and its tool inputs, parsed. */
  static void check(SyntheticStream stream, Message message) {
    StringBuilder text = new StringBuilder();
    List<JsonNode> inputs = new ArrayList<>();
    for (ContentBlock block : message.content()) {
      if (block instanceof ContentBlock.Text t) {
        text.append(t.text());
      } else if (block instanceof ContentBlock.ToolUse call) {
        if (call.invalidInput() != null) {
          throw new IllegalStateException(
              "Toolstream: invalid tool input: " + call.invalidInput().error());
        }
        inputs.add(call.input());
      }
    }
    compare("Toolstream", stream, text.toString(), inputs);
  }

  /** Checks the SDK's accumulated message: its text and its tool inputs, parsed. */
  static void check(SyntheticStream stream, com.anthropic.models.messages.Message message) {
    StringBuilder text = new StringBuilder();
    List<JsonNode> inputs = new ArrayList<>();
    for (com.anthropic.models.messages.ContentBlock block : message.content()) {
      block.text().ifPresent(t -> text.append(t.text()));
      block
          .toolUse()
          .ifPresent(
              call -> {
                // The SDK's Jackson 2 tree, written out and read back with our Jackson 3.
                var tree = call._input().convert(com.fasterxml.jackson.databind.JsonNode.class);
                inputs.add(JSON.readTree(String.valueOf(tree)));
              });
    }
    compare("SDK", stream, text.toString(), inputs);
  }

  /** Checks the raw reader's count: every line and every character of the body. */
  static void check(SyntheticStream stream, long linesAndChars) {
    long expected = new String(stream.body(), StandardCharsets.UTF_8).length();
    if (linesAndChars != expected) {
      throw new IllegalStateException(
          "raw: read " + linesAndChars + " lines + chars, expected " + expected);
    }
  }

  private static void compare(
      String who, SyntheticStream stream, String text, List<JsonNode> inputs) {
    if (!text.equals(stream.text())) {
      throw new IllegalStateException(who + ": the text differs from the one streamed");
    }
    if (inputs.size() != stream.toolInputs().size()) {
      throw new IllegalStateException(
          who + ": " + inputs.size() + " tool calls, expected " + stream.toolInputs().size());
    }
    for (int i = 0; i < inputs.size(); i++) {
      // Read both back with one mapper: Toolstream keeps decimals as BigDecimal, this as double.
      JsonNode read = JSON.readTree(JSON.writeValueAsString(inputs.get(i)));
      if (!read.equals(JSON.readTree(stream.toolInputs().get(i)))) {
        throw new IllegalStateException(
            who + ": tool input " + i + " differs from the one streamed");
      }
    }
  }
}
