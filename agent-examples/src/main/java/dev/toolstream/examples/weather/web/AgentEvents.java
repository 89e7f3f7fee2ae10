package dev.toolstream.examples.weather.web;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.MaxTokensException;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.agent.TurnLimitException;
import dev.toolstream.client.ApiConnectionException;
import dev.toolstream.client.ApiException;
import dev.toolstream.client.ApiTimeoutException;
import dev.toolstream.client.IncompleteStreamException;
import dev.toolstream.client.MalformedStreamException;
import dev.toolstream.client.StreamErrorException;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Usage;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the stream's events from what a run reports: {@code text}, {@code tool_call}, {@code
 * tool_result}, and one terminal {@code done} or {@code error}. Stateless.
 */
final class AgentEvents {
  /** Tool results longer than this are cut: the page shows a summary, the model got it all. */
  static final int MAX_RESULT_CHARS = 500;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AgentEvents() {}

  /** Returns {@code text} with {@code {"text": …}}: one piece of the answer. */
  static SseEvent text(String text) {
    return new SseEvent("text", NODES.objectNode().put("text", text));
  }

  /**
   * Returns {@code tool_call} with {@code {"id", "name", "input"}}. Input that was not valid JSON
   * is sent as {@code {}} with the text received in {@code invalid_input}.
   */
  static SseEvent toolCall(ContentBlock.ToolUse call) {
    ObjectNode data = NODES.objectNode().put("id", call.id()).put("name", call.name());
    ContentBlock.InvalidInput invalid = call.invalidInput();
    if (invalid == null) {
      data.set("input", call.input());
    } else {
      data.putObject("input");
      data.put("invalid_input", invalid.rawJson());
    }
    return new SseEvent("tool_call", data);
  }

  /**
   * Returns {@code tool_result} with {@code {"id", "name", "is_error", "content"}}, the content's
   * text cut to {@value #MAX_RESULT_CHARS} characters.
   */
  static SseEvent toolResult(ToolExecution execution) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("id", execution.call().id())
            .put("name", execution.call().name())
            .put("is_error", execution.isError())
            .put("content", abbreviate(execution.resultText()));
    return new SseEvent("tool_result", data);
  }

  /**
   * Returns {@code done} with {@code {"stop_reason", "turns", "usage"}}. A refusal is a {@code
   * done} with stop reason {@code refusal}: the run worked, the model declined.
   */
  static SseEvent done(AgentResult result) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("stop_reason", result.stopReason().value())
            .put("turns", result.turns());
    Usage usage = result.usage();
    data.putObject("usage")
        .put("input_tokens", usage.inputTokens())
        .put("output_tokens", usage.outputTokens())
        .put("cache_creation_input_tokens", usage.cacheCreationInputTokens())
        .put("cache_read_input_tokens", usage.cacheReadInputTokens());
    return new SseEvent("done", data);
  }

  /** Returns {@code error} with {@code {"type", "message"}}. */
  static SseEvent error(String type, String message) {
    return new SseEvent("error", NODES.objectNode().put("type", type).put("message", message));
  }

  /**
   * Returns the {@code type} of the error event for a failed run: the API's own error type when
   * it sent one (such as {@code overloaded_error}), else a name for what went wrong.
   */
  static String errorType(AgentException e) {
    if (e instanceof TurnLimitException) {
      return "turn_limit";
    } else if (e instanceof MaxTokensException) {
      return "max_tokens";
    } else if (e instanceof AgentCancelledException) {
      return "cancelled";
    }
    Throwable cause = e.getCause();
    if (cause instanceof ApiException api) {
      return api.errorType();
    } else if (cause instanceof StreamErrorException event) {
      return event.errorType();
    } else if (cause instanceof IncompleteStreamException) {
      return "stream_broken";
    } else if (cause instanceof MalformedStreamException) {
      return "malformed_stream";
    } else if (cause instanceof ApiTimeoutException) {
      return "timeout";
    } else if (cause instanceof ApiConnectionException) {
      return "connection_error";
    }
    return "agent_error";
  }

  private static String abbreviate(String text) {
    if (text.length() <= MAX_RESULT_CHARS) {
      return text;
    }
    int end = MAX_RESULT_CHARS - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // Never split a surrogate pair: half an emoji is not valid UTF-8.
    }
    return text.substring(0, end) + "…";
  }
}
