package dev.toolstream.store.internal;

import dev.toolstream.agent.RunState;
import dev.toolstream.internal.json.BlockCodec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.store.RunStatus;
import dev.toolstream.store.RunStep;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns steps into the columns of a {@code run_steps} row and back. Messages and results are kept
 * in the wire JSON agent-core reads and writes them with, so every block and field (thinking
 * signatures, server tool blocks, fields this version does not know) comes back as it was.
 */
public final class StepCodec {
  static final String START = "start";
  static final String TURN = "turn";
  static final String TOOL_STARTED = "tool_started";
  static final String TOOL_COMPLETED = "tool_completed";
  static final String DECISION = "decision";
  static final String ENDED = "ended";

  private StepCodec() {}

  /** Returns the step's kind column. */
  public static String kind(RunStep step) {
    if (step instanceof RunStep.Start) {
      return START;
    } else if (step instanceof RunStep.Turn) {
      return TURN;
    } else if (step instanceof RunStep.ToolStarted) {
      return TOOL_STARTED;
    } else if (step instanceof RunStep.ToolCompleted) {
      return TOOL_COMPLETED;
    } else if (step instanceof RunStep.Decision) {
      return DECISION;
    }
    return ENDED;
  }

  /** Returns the step's {@code tool_use_id} column, or null for steps about no one call. */
  public static @Nullable String toolUseId(RunStep step) {
    if (step instanceof RunStep.ToolStarted started) {
      return started.toolUseId();
    } else if (step instanceof RunStep.ToolCompleted completed) {
      return completed.result().toolUseId();
    } else if (step instanceof RunStep.Decision decision) {
      return decision.toolUseId();
    }
    return null;
  }

  /** Returns the step's payload column: JSON text, or null when the kind and id say it all. */
  public static @Nullable String payload(RunStep step) {
    if (step instanceof RunStep.Start start) {
      return Json.write(writeMessages(start.messages()));
    } else if (step instanceof RunStep.Turn turn) {
      ObjectNode json = Json.object().put("turn", turn.turn());
      json.set("message", MessageCodec.writeMessage(turn.message()));
      return Json.write(json);
    } else if (step instanceof RunStep.ToolStarted) {
      return null;
    } else if (step instanceof RunStep.ToolCompleted completed) {
      return Json.write(BlockCodec.write(completed.result()));
    } else if (step instanceof RunStep.Decision decision) {
      return Json.write(
          Json.object()
              .put("approved", decision.approval().approved())
              .put("reason", decision.approval().reason()));
    }
    RunStep.Ended ended = (RunStep.Ended) step;
    ObjectNode json = Json.object().put("status", ended.status().name());
    ArrayNode awaiting = json.putArray("awaiting_approval");
    ended.awaitingApproval().forEach(awaiting::add);
    json.put("error", ended.error());
    return Json.write(json);
  }

  /** Returns the step a row holds. */
  public static RunStep read(String kind, @Nullable String toolUseId, @Nullable String payload) {
    if (kind.equals(TOOL_STARTED)) {
      return new RunStep.ToolStarted(require(toolUseId, kind));
    }
    JsonNode json = Json.parse(require(payload, kind));
    switch (kind) {
      case START:
        return new RunStep.Start(readMessages(json));
      case TURN:
        return new RunStep.Turn(
            json.get("turn").asInt(), MessageCodec.readMessage(json.get("message")));
      case TOOL_COMPLETED:
        return new RunStep.ToolCompleted((ContentBlock.ToolResult) BlockCodec.read(json));
      case DECISION:
        boolean approved = json.get("approved").asBoolean();
        return new RunStep.Decision(
            require(toolUseId, kind),
            approved
                ? RunState.Approval.granted()
                : RunState.Approval.denied(json.get("reason").asString()));
      case ENDED:
        List<String> awaiting = new ArrayList<>();
        json.get("awaiting_approval").forEach(id -> awaiting.add(id.asString()));
        JsonNode error = json.get("error");
        return new RunStep.Ended(
            RunStatus.valueOf(json.get("status").asString()),
            awaiting,
            error == null || error.isNull() ? null : error.asString());
      default:
        throw new IllegalStateException(
            "a stored step has the kind \"" + kind + "\", which this version does not know;"
                + " read the run with the version of agent-store that wrote it");
    }
  }

  /** Returns the JSON array of conversation messages. */
  public static ArrayNode writeMessages(List<MessageParam> messages) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    messages.forEach(message -> array.add(MessageCodec.writeParam(message)));
    return array;
  }

  /** Returns the conversation messages of a JSON array. */
  public static List<MessageParam> readMessages(JsonNode array) {
    List<MessageParam> messages = new ArrayList<>(array.size());
    array.forEach(message -> messages.add(MessageCodec.readParam(message)));
    return messages;
  }

  private static String require(@Nullable String value, String kind) {
    if (value == null) {
      throw new IllegalStateException("a stored " + kind + " step has no payload: the row is damaged");
    }
    return value;
  }
}
