package dev.toolstream.examples.weather.web;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.MaxTokensException;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.agent.TurnLimitException;
import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.examples.weather.ServerResults;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import dev.toolstream.stream.ToolInputDelta;
import java.time.Duration;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the stream's events from what a run reports: {@code text}, {@code tool_input} (a call's
 * input as the model writes it), {@code tool_call}, {@code tool_result} (for client tools and for
 * server tools such as web search), {@code turn} after each turn, and one terminal {@code done}
 * or {@code error}. Stateless.
 */
final class AgentEvents {
  /** Tool results longer than this are cut: the page shows a summary, the model got it all. */
  static final int MAX_RESULT_CHARS = 500;

  /** The message of a run that failed in a way the server did not foresee. */
  static final String INTERNAL_ERROR =
      "Something went wrong on the server while answering. Try again; if it keeps happening,"
          + " the server's log has the details.";

  /** The message of a run cut short because the server is stopping. */
  static final String STOPPING = "The server is stopping, so the answer was cut short.";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AgentEvents() {}

  /** Returns {@code text} with {@code {"text": …}}: one piece of the answer. */
  static SseEvent text(String text) {
    return new SseEvent("text", NODES.objectNode().put("text", text));
  }

  /**
   * Returns {@code tool_input} with {@code {"id", "name", "fragment"}}: the next piece of a tool
   * call's input as the model writes it. A call's fragments joined are its input's JSON text; the
   * first is often empty, sent as the call starts.
   */
  static SseEvent toolInput(ToolInputDelta delta) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("id", delta.toolUseId())
            .put("name", delta.toolName())
            .put("fragment", delta.fragment());
    return new SseEvent("tool_input", data);
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
   * Returns {@code tool_call} with {@code {"id", "name", "input", "server": true}} for a call the
   * API runs itself, such as a web search.
   */
  static SseEvent serverToolCall(ContentBlock.ServerToolUse call) {
    ObjectNode data = NODES.objectNode().put("id", call.id()).put("name", call.name());
    data.set("input", call.input());
    data.put("server", true);
    return new SseEvent("tool_call", data);
  }

  /**
   * Returns {@code tool_result} with {@code {"id", "name", "is_error", "content"}} for the API's
   * result of a server tool call: its block type for name, and a summary for content (the
   * addresses a search found, or the error code).
   */
  static SseEvent serverToolResult(ContentBlock.ServerToolResult result) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("id", result.toolUseId())
            .put("name", result.type())
            .put("is_error", result.isError())
            .put("content", abbreviate(ServerResults.summary(result)));
    return new SseEvent("tool_result", data);
  }

  /**
   * Returns {@code tool_result} with {@code {"id", "name", "is_error", "content", "duration_ms"}},
   * the content's text cut to {@value #MAX_RESULT_CHARS} characters, the duration how long the
   * handler ran (0 when it did not run).
   */
  static SseEvent toolResult(ToolExecution execution) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("id", execution.call().id())
            .put("name", execution.call().name())
            .put("is_error", execution.isError())
            .put("content", abbreviate(execution.resultText()))
            .put("duration_ms", execution.duration().toMillis());
    return new SseEvent("tool_result", data);
  }

  /**
   * Returns {@code turn} with {@code {"turn", "stop_reason", "usage"}} for a completed turn: its
   * number from 1, why the model stopped ({@code tool_use} when it asked for tools; null for a
   * reply cut short) and the turn's own usage.
   */
  static SseEvent turn(int turn, Message message) {
    ObjectNode data = NODES.objectNode().put("turn", turn);
    StopReason stopReason = message.stopReason();
    data.put("stop_reason", stopReason == null ? null : stopReason.value());
    data.set("usage", usage(message.usage()));
    return new SseEvent("turn", data);
  }

  /**
   * Returns {@code done} with {@code {"stop_reason", "turns", "usage", "duration_ms"}}, the usage
   * summed over the turns and the duration the run's, from the request to its end. A refusal is a
   * {@code done} with stop reason {@code refusal}: the run worked, the model declined.
   */
  static SseEvent done(AgentResult result, Duration elapsed) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("stop_reason", result.stopReason().value())
            .put("turns", result.turns());
    data.set("usage", usage(result.usage()));
    data.put("duration_ms", elapsed.toMillis());
    return new SseEvent("done", data);
  }

  private static ObjectNode usage(Usage usage) {
    return NODES
        .objectNode()
        .put("input_tokens", usage.inputTokens())
        .put("output_tokens", usage.outputTokens())
        .put("cache_creation_input_tokens", usage.cacheCreationInputTokens())
        .put("cache_read_input_tokens", usage.cacheReadInputTokens());
  }

  /** Returns {@code error} with {@code {"type", "message"}}. */
  static SseEvent error(String type, String message) {
    return new SseEvent("error", NODES.objectNode().put("type", type).put("message", message));
  }

  /**
   * Returns the {@code error} event for a failed run: its {@link #errorType type}, and a message
   * written for the person at the page that says what happened and what to do. It never carries
   * the exception's own text, which may name classes, URLs or what a server echoed: that goes to
   * the log.
   */
  static SseEvent failure(AgentException e) {
    return error(errorType(e), message(e));
  }

  private static String message(AgentException e) {
    if (e instanceof TurnLimitException) {
      return "The agent took too many steps without finishing an answer. Try a simpler question.";
    } else if (e instanceof MaxTokensException) {
      return "The answer grew too long in the middle of a step. Try a narrower question.";
    } else if (e instanceof AgentCancelledException) {
      return "The answer was cancelled before it was complete.";
    }
    Throwable cause = e.getCause();
    if (cause instanceof ApiException api) {
      return apiMessage(api.status(), api.errorType());
    } else if (cause instanceof StreamErrorException event) {
      return apiMessage(500, event.errorType());
    } else if (cause instanceof IncompleteStreamException) {
      return "The connection to Claude broke before the answer was complete. Try again.";
    } else if (cause instanceof MalformedStreamException) {
      return "Claude's reply could not be read. Try again; if it keeps happening, the server's"
          + " log has the details.";
    } else if (cause instanceof ApiTimeoutException) {
      return "Claude did not answer in time. Try again in a moment.";
    } else if (cause instanceof ApiConnectionException) {
      return "Claude could not be reached. Check the network connection and try again.";
    }
    return INTERNAL_ERROR;
  }

  private static String apiMessage(int status, String type) {
    if (status == 529 || type.equals("overloaded_error")) {
      return "Claude is overloaded right now. Try again in a moment.";
    } else if (status == 429 || type.equals("rate_limit_error")) {
      return "Too many questions at once for this server's API account. Wait a moment and try"
          + " again.";
    } else if (status == 401 || status == 403) {
      return "The server's API key was not accepted. Whoever runs this server should check"
          + " ANTHROPIC_API_KEY.";
    } else if (status == 400 || status == 413) {
      return "Claude could not take this question as it was sent. Try rephrasing or shortening"
          + " it.";
    } else if (status == 404) {
      return "The model this server asks for was not found. Whoever runs this server should"
          + " check its --model.";
    }
    return "Claude had a problem answering. Try again in a moment.";
  }

  /**
   * Returns the {@code type} of the error event for a failed run: the API's own error type when
   * it sent one (such as {@code overloaded_error}), {@code api_error} for an error reply without
   * one, else a name for what went wrong.
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
      return api.errorType().isEmpty() ? "api_error" : api.errorType();
    } else if (cause instanceof StreamErrorException event) {
      return event.errorType().isEmpty() ? "api_error" : event.errorType();
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

  static String abbreviate(String text) {
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
