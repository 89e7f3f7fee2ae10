package dev.toolstream.examples.weather;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.MaxTokensException;
import dev.toolstream.agent.TurnLimitException;
import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.RateLimitException;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.errors.StreamException;
import java.io.PrintStream;

/** Turns a failed run into one clear line and an exit status. */
final class Failures {
  static final int API_ERROR = 1;
  static final int USAGE = 2;
  static final int TURN_LIMIT = 3;
  static final int MAX_TOKENS = 4;
  static final int STREAM_ERROR = 5;
  static final int CONNECTION = 6;
  static final int REFUSAL = 7;
  static final int CANCELLED = 130;

  private Failures() {}

  static int exitCode(AgentException e) {
    if (e instanceof TurnLimitException) {
      return TURN_LIMIT;
    } else if (e instanceof MaxTokensException) {
      return MAX_TOKENS;
    } else if (e instanceof AgentCancelledException) {
      return CANCELLED;
    } else if (e.getCause() instanceof ApiException) {
      return API_ERROR;
    } else if (e.getCause() instanceof StreamException) {
      return STREAM_ERROR;
    }
    return CONNECTION;
  }

  /** Returns the line the command line prints for {@code e}: {@code error: } and the message. */
  static String describe(AgentException e, int maxTurns, int maxTokens) {
    return "error: " + message(e, maxTurns, maxTokens);
  }

  /** Returns what went wrong and what to do, in one sentence without a prefix. */
  static String message(AgentException e, int maxTurns, int maxTokens) {
    if (e instanceof TurnLimitException) {
      return "stopped after " + Plural.of(maxTurns, "turn") + " (--max-turns " + maxTurns
          + ") and the model still wanted to call tools; raise --max-turns";
    }
    if (e instanceof MaxTokensException) {
      return "the reply reached --max-tokens " + maxTokens
          + " in the middle of a tool call, so no tool ran; raise --max-tokens";
    }
    if (e instanceof AgentCancelledException) {
      return "cancelled";
    }
    Throwable cause = e.getCause();
    if (cause instanceof RateLimitException limit) {
      return "rate limited by the API (429 " + limit.errorType() + "): " + limit.errorMessage()
          + (limit.retryAfter() == null ? "" : "; retry after " + limit.retryAfter().toSeconds() + " s")
          + requestId(limit.requestId());
    }
    if (cause instanceof ApiException api) {
      return "the API answered " + api.status() + " " + api.errorType() + ": "
          + api.errorMessage() + requestId(api.requestId());
    }
    if (cause instanceof StreamErrorException event) {
      return "the stream carried an error event: " + event.errorType() + ": "
          + event.errorMessage() + requestId(event.requestId());
    }
    if (cause instanceof IncompleteStreamException broken) {
      return "the stream broke before the reply was complete ("
          + rootMessage(broken) + ")" + requestId(broken.requestId());
    }
    if (cause instanceof MalformedStreamException malformed) {
      return "the API sent a malformed stream: " + malformed.getMessage();
    }
    if (cause instanceof ApiTimeoutException) {
      return "the API did not answer in time: " + cause.getMessage();
    }
    if (cause instanceof ApiConnectionException) {
      return "cannot reach the API: " + cause.getMessage();
    }
    return String.valueOf(e.getMessage());
  }

  /**
   * Reports a failed run on stderr: the failure in one line, then the usage line if the run used
   * any tokens (a run that never reached the model has nothing to count), then, if {@code
   * verbose}, the stack trace.
   */
  record Reporter(int maxTurns, int maxTokens, boolean verbose) {
    void report(AgentException e, PrintStream out, PrintStream err, ConsoleListener.Style style) {
      out.flush(); // The answer so far, before the line that says why it stopped.
      err.println(style.red(describe(e, maxTurns, maxTokens)));
      if (UsageLine.anyTokens(e.usage())) {
        err.println(style.dim(UsageLine.of(e.usage(), e.turnUsage().size())));
      }
      if (verbose) {
        e.printStackTrace(err);
      }
    }
  }

  private static String requestId(String requestId) {
    return requestId == null ? "" : " (request-id " + requestId + ")";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root == e ? "ended early" : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
