package dev.toolstream.tools.internal;

import dev.toolstream.agent.ToolOutput;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns what a tool method returned into the {@link ToolOutput} sent to the model, by the rules
 * documented on {@link dev.toolstream.tools.AnnotatedTools}.
 */
final class ResultConverter {
  /** What a {@code void} method's result says. */
  static final String DONE = "done";

  /** What a {@code null} (or empty {@code Optional}) result says. */
  static final String NO_RESULT = "null";

  private ResultConverter() {}

  /** Returns {@code value}, returned by a method whose return type is {@code returnType}. */
  static ToolOutput convert(@Nullable Object value, Class<?> returnType) {
    if (returnType == void.class || returnType == Void.class) {
      return ToolOutput.text(DONE);
    }
    Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
    if (unwrapped == null) {
      return ToolOutput.text(NO_RESULT);
    }
    if (unwrapped instanceof ToolOutput result) {
      return result;
    }
    if (unwrapped instanceof CharSequence text) {
      return ToolOutput.text(text.toString());
    }
    JsonNode json =
        unwrapped instanceof JsonNode node ? node : BindingMapper.MAPPER.valueToTree(unwrapped);
    return ToolOutput.json(json);
  }
}
