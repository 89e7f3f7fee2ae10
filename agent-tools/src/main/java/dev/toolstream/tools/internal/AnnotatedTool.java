package dev.toolstream.tools.internal;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.agent.ToolHandler;
import dev.toolstream.agent.ToolOutput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The handler of one {@code @Tool} method: binds the input, invokes the method, converts what it
 * returns. Everything it needs was prepared at registration; thread-safe if the method is.
 */
final class AnnotatedTool implements ToolHandler {
  private final @Nullable Object target;
  private final Method method;
  private final ArgumentBinder binder;

  AnnotatedTool(@Nullable Object target, Method method, ArgumentBinder binder) {
    this.target = target;
    this.method = method;
    this.binder = binder;
  }

  /**
   * Calls the method.
   *
   * @throws IllegalArgumentException if the input does not bind to the parameters
   * @throws Exception whatever the method throws, unwrapped from reflection
   */
  @Override
  public ToolOutput call(JsonNode input, ToolContext context) throws Exception {
    @Nullable Object[] arguments = binder.bind(input, context);
    Object returned;
    try {
      returned = method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
    return ResultConverter.convert(returned, method.getReturnType());
  }

  @Override
  public String toString() {
    return "AnnotatedTool{" + MethodReader.describe(method) + "}";
  }
}
