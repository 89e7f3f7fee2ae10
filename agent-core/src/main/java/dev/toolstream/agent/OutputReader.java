package dev.toolstream.agent;

import dev.toolstream.errors.OutputMismatchException;
import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopReason;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads a reply's answer into an output type, saying exactly why when it does not fit. */
final class OutputReader {
  private OutputReader() {}

  static <T> T read(OutputType<T> type, Message message) {
    String text = message.text();
    if (StopReason.REFUSAL.equals(message.stopReason())) {
      throw mismatch(
          "the model refused to answer (stop_reason refusal), so there is no output", text, null);
    }
    if (StopReason.MAX_TOKENS.equals(message.stopReason())) {
      throw mismatch(
          "the answer stopped at max_tokens, so its JSON is cut off; raise maxTokens", text, null);
    }
    if (text.isBlank()) {
      throw mismatch(
          "the answer has no text to read (stop_reason " + message.stopReason() + ")", text, null);
    }
    JsonNode json;
    try {
      json = Json.parse(text);
    } catch (JacksonException e) {
      throw mismatch("the answer is not JSON: " + e.getOriginalMessage(), text, e);
    }
    try {
      return type.parse(json);
    } catch (IllegalArgumentException e) {
      throw mismatch(e.getMessage(), text, e);
    }
  }

  private static OutputMismatchException mismatch(
      String what, String text, @Nullable Throwable cause) {
    return new OutputMismatchException(what, text, cause);
  }
}
