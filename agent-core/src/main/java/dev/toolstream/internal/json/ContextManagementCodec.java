package dev.toolstream.internal.json;

import dev.toolstream.messages.ContextManagement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a request's {@code context_management}, as the API reference spells each edit. */
final class ContextManagementCodec {
  private ContextManagementCodec() {}

  /** Returns the wire JSON of {@code contextManagement}: {@code {"edits":[…]}}. */
  static ObjectNode write(ContextManagement contextManagement) {
    ObjectNode json = Json.object();
    ArrayNode edits = json.putArray("edits");
    for (ContextManagement.Edit edit : contextManagement.edits()) {
      edits.add(write(edit));
    }
    return json;
  }

  private static JsonNode write(ContextManagement.Edit edit) {
    if (edit instanceof ContextManagement.Raw raw) {
      return raw.json();
    }
    ObjectNode json = Json.object().put("type", edit.type());
    if (edit instanceof ContextManagement.ClearToolUses clear) {
      if (clear.trigger() != null) {
        json.set("trigger", valued(clear.trigger().type(), clear.trigger().value()));
      }
      if (clear.keep() != null) {
        json.set("keep", valued("tool_uses", clear.keep()));
      }
      if (clear.clearAtLeast() != null) {
        json.set("clear_at_least", valued("input_tokens", clear.clearAtLeast()));
      }
      if (!clear.excludeTools().isEmpty()) {
        ArrayNode tools = json.putArray("exclude_tools");
        clear.excludeTools().forEach(tools::add);
      }
      if (clear.clearAllToolInputs()) {
        json.put("clear_tool_inputs", true);
      } else if (!clear.clearToolInputs().isEmpty()) {
        ArrayNode tools = json.putArray("clear_tool_inputs");
        clear.clearToolInputs().forEach(tools::add);
      }
    } else if (edit instanceof ContextManagement.ClearThinking clear) {
      if (clear.keepAll()) {
        json.set("keep", Json.object().put("type", "all"));
      } else if (clear.keepTurns() != null) {
        json.set("keep", valued("thinking_turns", clear.keepTurns()));
      }
    } else if (edit instanceof ContextManagement.Compact compact) {
      if (compact.trigger() != null) {
        json.set("trigger", valued("input_tokens", compact.trigger()));
      }
      if (compact.pauseAfterCompaction()) {
        json.put("pause_after_compaction", true);
      }
      if (compact.instructions() != null) {
        json.put("instructions", compact.instructions());
      }
    }
    return json;
  }

  /** Returns {@code {"type": type, "value": value}}, the shape of every threshold. */
  private static ObjectNode valued(String type, int value) {
    return Json.object().put("type", type).put("value", value);
  }
}
