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
  /**
   * Checks the three parts are present.
   *
   * @param call the {@code tool_use} block, not null
   * @param result the {@code tool_result} block, not null
   * @param duration how long the handler ran, not null; zero when it did not run
   */
  public ToolExecution {
    Objects.requireNonNull(call, "call == null");
    Objects.requireNonNull(result, "result == null");
    Objects.requireNonNull(duration, "duration == null");
  }

  /**
   * Tells whether the call failed, as the model sees it.
   *
   * @return the result's {@code is_error}: true for invalid input, an unknown tool, a handler that
   *     failed or timed out, or a handler that returned an error output
   */
  public boolean isError() {
    return result.isError();
  }

  /**
   * Gives the result as text, such as to log it or show it in a test failure.
   *
   * @return the result's text blocks joined with nothing between them; empty for a result
   *     without text, such as an image alone
   */
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
