package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.Json;
import dev.toolstream.testkit.internal.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link Turn} into the Messages API's bytes: the SSE frames of a stream, or the JSON of a
 * whole message. Field order follows the API's, so the output compares byte for byte with real
 * streams. Stateless.
 */
final class TurnEncoder {
  static final String DEFAULT_MODEL = "claude-sonnet-4-6";

  private TurnEncoder() {}

  /** The frames of a streamed turn, cut as its interruption says, and how the body ends. */
  record Stream(List<Response.Frame> frames, Response.Ending ending, long byteLimit) {}

  /** Returns how many events the uninterrupted stream holds (comments and gates are not events). */
  static int eventCount(Turn turn) {
    return encode(turn, 1, DEFAULT_MODEL, LineEnding.LF).eventCount();
  }

  /** Returns the stream for the turn answering request number {@code n}. */
  static Stream stream(Turn turn, int n, String requestModel, LineEnding lineEnding) {
    return interrupt(turn.interruption(), encode(turn, n, requestModel, lineEnding));
  }

  private static FrameList encode(Turn turn, int n, String requestModel, LineEnding lineEnding) {
    FrameList out = new FrameList(lineEnding);
    out.event("message_start", messageStart(turn, n, requestModel), false);
    int index = 0;
    for (TurnPart part : turn.parts()) {
      if (TurnPart.isBlock(part)) {
        writeBlock(out, part, index++, n);
      } else if (part instanceof TurnPart.Ping) {
        out.event("ping", "{\"type\":\"ping\"}", false);
      } else if (part instanceof TurnPart.Event) {
        out.event(((TurnPart.Event) part).name(), ((TurnPart.Event) part).data(), false);
      } else if (part instanceof TurnPart.Gate) {
        out.hold(((TurnPart.Gate) part).gate().hold());
      } else {
        out.comment(((TurnPart.Comment) part).text());
      }
    }
    ObjectNode messageDelta = object("message_delta");
    ObjectNode delta =
        messageDelta
            .putObject("delta")
            .put("stop_reason", turn.stopReason())
            .put("stop_sequence", turn.stopSequence());
    if (turn.stopDetails() != null) {
      delta.set("stop_details", turn.stopDetails().deepCopy());
    }
    if (turn.container() != null) {
      delta.set("container", turn.container().deepCopy());
    }
    messageDelta.putObject("usage").put("output_tokens", turn.outputTokens());
    if (turn.contextManagement() != null) {
      messageDelta.set("context_management", turn.contextManagement().deepCopy());
    }
    out.event("message_delta", messageDelta, false);
    out.event("message_stop", object("message_stop"), false);
    return out;
  }

  /** Returns the stream as text, as {@link Turn#toSse(LineEnding)} documents. */
  static String sse(Turn turn, int n, String requestModel, LineEnding lineEnding) {
    StringBuilder text = new StringBuilder();
    for (Response.Frame frame : stream(turn, n, requestModel, lineEnding).frames()) {
      text.append(new String(frame.bytes(), StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  /**
   * Returns the whole message, as a non-streaming request receives it.
   *
   * @throws IllegalStateException if a tool call's input is not valid JSON, which a whole message
   *     cannot carry
   */
  static ObjectNode message(Turn turn, int n, String requestModel) {
    ObjectNode message = skeleton(turn, n, requestModel);
    ArrayNode content = message.putArray("content");
    int index = 0;
    for (TurnPart part : turn.parts()) {
      if (TurnPart.isBlock(part)) {
        content.add(wholeBlock(part, index++, n));
      }
    }
    message.put("stop_reason", turn.stopReason());
    message.put("stop_sequence", turn.stopSequence());
    if (turn.container() != null) {
      message.set("container", turn.container().deepCopy());
    }
    if (turn.stopDetails() != null) {
      message.set("stop_details", turn.stopDetails().deepCopy());
    }
    usage(message, turn, turn.outputTokens());
    if (turn.contextManagement() != null) {
      message.set("context_management", turn.contextManagement().deepCopy());
    }
    return message;
  }

  private static ObjectNode messageStart(Turn turn, int n, String requestModel) {
    ObjectNode message = skeleton(turn, n, requestModel);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    usage(message, turn, 1);
    ObjectNode event = object("message_start");
    event.set("message", message);
    return event;
  }

  private static ObjectNode skeleton(Turn turn, int n, String requestModel) {
    ObjectNode message = Json.MAPPER.createObjectNode();
    String id = turn.id();
    String model = turn.model();
    message.put("id", id != null ? id : "msg_scripted_" + n);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model != null ? model : requestModel);
    return message;
  }

  private static void usage(ObjectNode message, Turn turn, int outputTokens) {
    ObjectNode usage =
        message
            .putObject("usage")
            .put("input_tokens", turn.inputTokens())
            .put("output_tokens", outputTokens)
            .put("cache_creation_input_tokens", turn.cacheCreationInputTokens())
            .put("cache_read_input_tokens", turn.cacheReadInputTokens());
    int[] cacheCreation = turn.cacheCreation();
    if (cacheCreation != null) {
      usage
          .putObject("cache_creation")
          .put("ephemeral_5m_input_tokens", cacheCreation[0])
          .put("ephemeral_1h_input_tokens", cacheCreation[1]);
    }
  }

  private static void writeBlock(FrameList out, TurnPart part, int index, int n) {
    ObjectNode start = object("content_block_start").put("index", index);
    start.set("content_block", startBlock(part, index, n));
    out.event("content_block_start", start, false);
    if (part instanceof TurnPart.Text) {
      for (String delta : ((TurnPart.Text) part).deltas()) {
        out.event("content_block_delta", delta(index, "text_delta", "text", delta), true);
      }
    } else if (part instanceof TurnPart.Thinking) {
      TurnPart.Thinking thinking = (TurnPart.Thinking) part;
      for (String delta : thinking.deltas()) {
        out.event("content_block_delta", delta(index, "thinking_delta", "thinking", delta), true);
      }
      out.event(
          "content_block_delta",
          delta(index, "signature_delta", "signature", thinking.signature()),
          true);
    } else if (part instanceof TurnPart.Compaction) {
      TurnPart.Compaction compaction = (TurnPart.Compaction) part;
      ObjectNode event = object("content_block_delta").put("index", index);
      ObjectNode delta = event.putObject("delta").put("type", "compaction_delta");
      delta.put("content", compaction.content());
      if (compaction.encryptedContent() != null) {
        delta.put("encrypted_content", compaction.encryptedContent());
      }
      out.event("content_block_delta", event, true);
    } else if (part instanceof TurnPart.ToolUse) {
      inputDeltas(out, index, ((TurnPart.ToolUse) part).fragments());
    } else if (part instanceof TurnPart.ServerCall) {
      inputDeltas(out, index, ((TurnPart.ServerCall) part).fragments());
    } else if (part instanceof TurnPart.CitedText) {
      TurnPart.CitedText cited = (TurnPart.CitedText) part;
      for (JsonNode citation : cited.citations()) {
        ObjectNode event = object("content_block_delta").put("index", index);
        event.putObject("delta").put("type", "citations_delta").set("citation", citation);
        out.event("content_block_delta", event, true);
      }
      for (String delta : cited.deltas()) {
        out.event("content_block_delta", delta(index, "text_delta", "text", delta), true);
      }
    }
    out.event("content_block_stop", object("content_block_stop").put("index", index), false);
  }

  private static void inputDeltas(FrameList out, int index, List<String> fragments) {
    for (String fragment : fragments) {
      out.event(
          "content_block_delta", delta(index, "input_json_delta", "partial_json", fragment), true);
    }
  }

  private static ObjectNode startBlock(TurnPart part, int index, int n) {
    if (part instanceof TurnPart.Text) {
      return Json.MAPPER.createObjectNode().put("type", "text").put("text", "");
    } else if (part instanceof TurnPart.CitedText) {
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", "text").put("text", "");
      block.putArray("citations");
      return block;
    } else if (part instanceof TurnPart.ServerCall) {
      ObjectNode block = ((TurnPart.ServerCall) part).head().deepCopy();
      block.putObject("input");
      return block;
    } else if (part instanceof TurnPart.Thinking) {
      return Json.MAPPER
          .createObjectNode()
          .put("type", "thinking")
          .put("thinking", "")
          .put("signature", "");
    } else if (part instanceof TurnPart.ToolUse) {
      ObjectNode block = toolUseHead((TurnPart.ToolUse) part, index, n);
      block.putObject("input");
      return block;
    } else if (part instanceof TurnPart.Compaction) {
      return Json.MAPPER.createObjectNode().put("type", "compaction").putNull("content");
    }
    return wholeBlock(part, index, n);
  }

  private static ObjectNode wholeBlock(TurnPart part, int index, int n) {
    if (part instanceof TurnPart.Text) {
      String text = String.join("", ((TurnPart.Text) part).deltas());
      return Json.MAPPER.createObjectNode().put("type", "text").put("text", text);
    } else if (part instanceof TurnPart.Thinking) {
      TurnPart.Thinking thinking = (TurnPart.Thinking) part;
      return Json.MAPPER
          .createObjectNode()
          .put("type", "thinking")
          .put("thinking", String.join("", thinking.deltas()))
          .put("signature", thinking.signature());
    } else if (part instanceof TurnPart.ToolUse) {
      TurnPart.ToolUse toolUse = (TurnPart.ToolUse) part;
      ObjectNode block = toolUseHead(toolUse, index, n);
      block.set("input", parseInput(toolUse));
      return block;
    } else if (part instanceof TurnPart.CitedText) {
      TurnPart.CitedText cited = (TurnPart.CitedText) part;
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", "text");
      block.put("text", String.join("", cited.deltas()));
      cited.citations().forEach(block.putArray("citations")::add);
      return block;
    } else if (part instanceof TurnPart.ServerCall) {
      TurnPart.ServerCall call = (TurnPart.ServerCall) part;
      ObjectNode block = call.head().deepCopy();
      block.set("input", parseInput(call.head().path("name").asString(), call.inputJson()));
      return block;
    } else if (part instanceof TurnPart.RedactedThinking) {
      return Json.MAPPER
          .createObjectNode()
          .put("type", "redacted_thinking")
          .put("data", ((TurnPart.RedactedThinking) part).data());
    } else if (part instanceof TurnPart.Compaction) {
      TurnPart.Compaction compaction = (TurnPart.Compaction) part;
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", "compaction");
      block.put("content", compaction.content());
      if (compaction.encryptedContent() != null) {
        block.put("encrypted_content", compaction.encryptedContent());
      }
      return block;
    }
    return ((TurnPart.RawBlock) part).block().deepCopy();
  }

  private static ObjectNode toolUseHead(TurnPart.ToolUse toolUse, int index, int n) {
    String id = toolUse.id();
    return Json.MAPPER
        .createObjectNode()
        .put("type", "tool_use")
        .put("id", id != null ? id : "toolu_scripted_" + n + "_" + index)
        .put("name", toolUse.name());
  }

  private static JsonNode parseInput(TurnPart.ToolUse toolUse) {
    return parseInput(toolUse.name(), toolUse.inputJson());
  }

  private static JsonNode parseInput(String name, String inputJson) {
    String json = inputJson.isBlank() ? "{}" : inputJson;
    try {
      return Json.MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "Tool call "
              + name
              + " has input that is not JSON, which only a streamed turn"
              + " can send; ask for \"stream\": true or give valid JSON: "
              + json,
          e);
    }
  }

  /**
   * Writes a delta event's JSON by hand: deltas are nearly every event of a long stream, and this
   * keeps a 20,000-delta stream cheap. The output is what Jackson writes for the same node.
   */
  private static String delta(int index, String type, String field, String value) {
    StringBuilder json = new StringBuilder(value.length() + 96);
    json.append("{\"type\":\"content_block_delta\",\"index\":").append(index);
    json.append(",\"delta\":{\"type\":\"")
        .append(type)
        .append("\",\"")
        .append(field)
        .append("\":\"");
    JsonStringEncoder.getInstance().quoteAsString(value, json);
    return json.append("\"}}").toString();
  }

  private static ObjectNode object(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }

  private static Stream interrupt(Turn.@Nullable Interruption cut, FrameList out) {
    if (cut == null) {
      return new Stream(out.frames, Response.Ending.COMPLETE, -1);
    }
    switch (cut.kind()) {
      case ERROR_EVENT:
        FrameList cutShort = out.firstEvents(cut.count());
        ObjectNode error = object("error");
        error.putObject("error").put("type", cut.errorType()).put("message", cut.errorMessage());
        cutShort.event("error", error, false);
        return new Stream(cutShort.frames, Response.Ending.COMPLETE, -1);
      case DISCONNECT:
        return new Stream(out.firstEvents(cut.count()).frames, Response.Ending.DISCONNECT, -1);
      case STALL:
        return new Stream(out.firstEvents(cut.count()).frames, Response.Ending.STALL, -1);
      default:
        return new Stream(out.frames, Response.Ending.DISCONNECT, cut.count());
    }
  }
}
