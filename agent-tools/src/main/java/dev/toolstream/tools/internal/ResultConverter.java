package dev.toolstream.tools.internal;

import dev.toolstream.agent.ToolResult;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns what a tool method returned into the {@link ToolResult} sent to the model, by the rules
 * documented on {@link dev.toolstream.tools.AnnotatedTools}.
 */
final class ResultConverter {
  /** What a {@code void} method's result says. */
  static final String DONE = "done";

  /** What a {@code null} (or empty {@code Optional}) result says. */
  static final String NO_RESULT = "null";

  private ResultConverter() {}

  /** Returns {@code value}, returned by a method whose return type is {@code returnType}. */
  static ToolResult convert(@Nullable Object value, Class<?> returnType) {
    if (returnType == void.class || returnType == Void.class) {
      return ToolResult.text(DONE);
    }
    Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
    if (unwrapped == null) {
      return ToolResult.text(NO_RESULT);
    }
    if (unwrapped instanceof ToolResult result) {
      return result;
    }
    if (unwrapped instanceof CharSequence text) {
      return ToolResult.text(text.toString());
    }
    JsonNode json =
        unwrapped instanceof JsonNode node ? node : BindingMapper.MAPPER.valueToTree(unwrapped);
    return ToolResult.json(json);
  }
}
