package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.Objects;

/**
 * One tool call and what came of it.
 *
 * @param call the {@code tool_use} block the model sent
 * @param result the {@code tool_result} block sent back; {@code isError} is set when the input was
 *     invalid, the tool unknown, or the handler failed or timed out
 * @param duration how long the handler ran; zero when it did not run
 */
public record ToolExecution(ContentBlock.ToolUse call, ContentBlock.ToolResult result, Duration duration) {
  public ToolExecution {
    Objects.requireNonNull(call, "call == null");
    Objects.requireNonNull(result, "result == null");
    Objects.requireNonNull(duration, "duration == null");
  }

  /** Returns whether the model is told that the call failed. */
  public boolean isError() {
    return result.isError();
  }

  /** Returns the result's text, its blocks' texts joined; empty for results without text. */
  public String resultText() {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : result.content()) {
      if (block instanceof ContentBlock.Text t) {
        text.append(t.text());
      }
    }
    return text.toString();
  }
}
