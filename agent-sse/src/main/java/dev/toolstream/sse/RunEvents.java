package dev.toolstream.sse;

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
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import dev.toolstream.stream.ToolInputDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes each event of a run's stream: {@code text}, {@code tool_input} (a call's input as the model
 * writes it), {@code tool_call}, {@code tool_result} (for client tools and for server tools such
 * as web search), {@code turn} after each turn, and one terminal {@code done} or {@code error}.
 * Stateless.
 */
public final class RunEvents {
  /** Tool results longer than this are cut: a page shows a summary, the model got it all. */
  public static final int MAX_RESULT_CHARS = 500;

  /** The message of a run that failed in a way nobody foresaw; the server's log has the rest. */
  public static final String INTERNAL_ERROR =
      "Something went wrong on the server while answering. Try again; if it keeps happening,"
          + " the server's log has the details.";

  private static final String CANCELLED = "The answer was cancelled before it was complete.";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RunEvents() {}

  /**
   * Returns {@code text} with {@code {"text": …}}: one piece of the answer.
   *
   * @param text the piece
   * @return the event
   */
  public static RunEvent text(String text) {
    return new RunEvent("text", NODES.objectNode().put("text", text));
  }

  /**
   * Returns {@code tool_input} with {@code {"id", "name", "fragment"}}: the next piece of a tool
   * call's input as the model writes it. A call's fragments joined are its input's JSON text; the
   * first is often empty, sent as the call starts.
   *
   * @param delta the fragment
   * @return the event
   */
  public static RunEvent toolInput(ToolInputDelta delta) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("id", delta.toolUseId())
            .put("name", delta.toolName())
            .put("fragment", delta.fragment());
    return new RunEvent("tool_input", data);
  }

  /**
   * Returns {@code tool_call} with {@code {"id", "name", "input"}}. Input that was not valid JSON
   * is sent as {@code {}} with the text received in {@code invalid_input}.
   *
   * @param call the call
   * @return the event
   */
  public static RunEvent toolCall(ContentBlock.ToolUse call) {
    ObjectNode data = NODES.objectNode().put("id", call.id()).put("name", call.name());
    ContentBlock.InvalidInput invalid = call.invalidInput();
    if (invalid == null) {
      data.set("input", call.input());
    } else {
      data.putObject("input");
      data.put("invalid_input", invalid.rawJson());
    }
    return new RunEvent("tool_call", data);
  }

  /**
   * Returns {@code tool_call} with {@code {"id", "name", "input", "server": true}} for a call the
   * API runs itself, such as a web search.
   *
   * @param call the call
   * @return the event
   */
  public static RunEvent serverToolCall(ContentBlock.ServerToolUse call) {
    ObjectNode data = NODES.objectNode().put("id", call.id()).put("name", call.name());
    data.set("input", call.input());
    data.put("server", true);
    return new RunEvent("tool_call", data);
  }

  /**
   * Returns {@code tool_result} with {@code {"id", "name", "is_error", "content"}} for the API's
   * result of a server tool call: its block type for name, and its {@link #summary} for content.
   *
   * @param result the result
   * @return the event
   */
  public static RunEvent serverToolResult(ContentBlock.ServerToolResult result) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("id", result.toolUseId())
            .put("name", result.type())
            .put("is_error", result.isError())
            .put("content", abbreviate(summary(result)));
    return new RunEvent("tool_result", data);
  }

  /**
   * Returns {@code tool_result} with {@code {"id", "name", "is_error", "content", "duration_ms"}},
   * the content's text cut to {@value #MAX_RESULT_CHARS} characters, the duration how long the
   * handler ran (0 when it did not run).
   *
   * @param execution the call and its outcome
   * @return the event
   */
  public static RunEvent toolResult(ToolExecution execution) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("id", execution.call().id())
            .put("name", execution.call().name())
            .put("is_error", execution.isError())
            .put("content", abbreviate(execution.resultText()))
            .put("duration_ms", execution.duration().toMillis());
    return new RunEvent("tool_result", data);
  }

  /**
   * Returns {@code turn} with {@code {"turn", "stop_reason", "usage"}} for a completed turn: its
   * number, why the model stopped ({@code tool_use} when it asked for tools) and the turn's own
   * usage.
   *
   * @param turn the turn's number, from 1
   * @param message the model's reply; its stop reason is null for a reply cut short
   * @return the event
   */
  public static RunEvent turn(int turn, Message message) {
    ObjectNode data = NODES.objectNode().put("turn", turn);
    StopReason stopReason = message.stopReason();
    data.put("stop_reason", stopReason == null ? null : stopReason.value());
    data.set("usage", usage(message.usage()));
    return new RunEvent("turn", data);
  }

  /**
   * Returns {@code done} with {@code {"stop_reason", "turns", "usage", "duration_ms"}}, the usage
   * summed over the turns. A refusal is a {@code done} with stop reason {@code refusal}: the run
   * worked, the model declined.
   *
   * @param result the run's result
   * @param elapsed how long the run took, from the request to its end
   * @return the event
   */
  public static RunEvent done(AgentResult result, Duration elapsed) {
    ObjectNode data =
        NODES
            .objectNode()
            .put("stop_reason", result.stopReason().value())
            .put("turns", result.turns());
    data.set("usage", usage(result.usage()));
    data.put("duration_ms", elapsed.toMillis());
    return new RunEvent("done", data);
  }

  private static ObjectNode usage(Usage usage) {
    return NODES
        .objectNode()
        .put("input_tokens", usage.inputTokens())
        .put("output_tokens", usage.outputTokens())
        .put("cache_creation_input_tokens", usage.cacheCreationInputTokens())
        .put("cache_read_input_tokens", usage.cacheReadInputTokens());
  }

  /**
   * Returns {@code error} with {@code {"type", "message"}}.
   *
   * @param type what went wrong, such as {@code overloaded_error}
   * @param message a sentence for the person at the page
   * @return the event
   */
  public static RunEvent error(String type, String message) {
    return new RunEvent("error", NODES.objectNode().put("type", type).put("message", message));
  }

  /**
   * Returns the {@code error} event of a run that ended with {@code failure}: its {@link
   * #errorType type}, and a sentence for the person at the page that says what happened and what
   * to do. It never carries the exception's own text, which may name classes, URLs or what a
   * server echoed: that belongs in the server's log.
   *
   * @param failure what the run threw, or what its future completed with (a {@code
   *     CompletionException} or {@code ExecutionException} is looked through; a {@code
   *     CancellationException} is a cancelled run)
   * @param hints where whoever runs the server sets its key and its model, for the sentences that
   *     ask them to check
   * @return the event
   */
  public static RunEvent failure(@Nullable Throwable failure, SetupHints hints) {
    Throwable cause = failure;
    if ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CancellationException) {
      return error("cancelled", CANCELLED);
    }
    if (cause instanceof AgentException e) {
      return error(errorType(e), message(e, hints));
    }
    return error("internal_error", INTERNAL_ERROR);
  }

  private static String message(AgentException e, SetupHints hints) {
    if (e instanceof TurnLimitException) {
      return "The agent took too many steps without finishing an answer. Try a simpler question.";
    } else if (e instanceof MaxTokensException) {
      return "The answer grew too long in the middle of a step. Try a narrower question.";
    } else if (e instanceof AgentCancelledException) {
      return CANCELLED;
    }
    Throwable cause = e.getCause();
    if (cause instanceof ApiException api) {
      return apiMessage(api.status(), api.errorType(), hints);
    } else if (cause instanceof StreamErrorException event) {
      return apiMessage(500, event.errorType(), hints);
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

  private static String apiMessage(int status, String type, SetupHints hints) {
    if (status == 529 || type.equals("overloaded_error")) {
      return "Claude is overloaded right now. Try again in a moment.";
    } else if (status == 429 || type.equals("rate_limit_error")) {
      return "Too many questions at once for this server's API account. Wait a moment and try"
          + " again.";
    } else if (status == 401 || status == 403) {
      return "The server's API key was not accepted. Whoever runs this server should check "
          + hints.apiKey()
          + ".";
    } else if (status == 400 || status == 413) {
      return "Claude could not take this question as it was sent. Try rephrasing or shortening"
          + " it.";
    } else if (status == 404) {
      return "The model this server asks for was not found. Whoever runs this server should check "
          + hints.model()
          + ".";
    }
    return "Claude had a problem answering. Try again in a moment.";
  }

  /**
   * Returns the type of a failed run's error event: the API's own error type when it sent one
   * (such as {@code overloaded_error}), {@code api_error} for an error reply without one, else a
   * name for what went wrong ({@code turn_limit}, {@code max_tokens}, {@code cancelled}, {@code
   * stream_broken}, {@code malformed_stream}, {@code timeout}, {@code connection_error}, {@code
   * agent_error}).
   *
   * @param e what the run threw
   * @return the type
   */
  public static String errorType(AgentException e) {
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

  /**
   * Returns a one-line summary of a server tool's result: the error code of a failure, the number
   * and addresses of a search's results, or else the kind of result.
   *
   * @param result the API's result of a server tool call
   * @return such as {@code 2 results [https://a.example, https://b.example]}
   */
  public static String summary(ContentBlock.ServerToolResult result) {
    JsonNode content = result.content();
    if (result.isError()) {
      return content.path("error_code").asString("failed");
    }
    if (!content.isArray()) {
      return content.path("type").asString("done");
    }
    List<String> sources = new ArrayList<>();
    content.forEach(item -> sources.add(item.path("url").asString("")));
    return sources.size() + (sources.size() == 1 ? " result " : " results ") + sources;
  }

  /**
   * Returns {@code text} cut to {@value #MAX_RESULT_CHARS} characters, the last of them an
   * ellipsis, never splitting a surrogate pair.
   *
   * @param text the text
   * @return it, or its start and {@code …}
   */
  public static String abbreviate(String text) {
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
