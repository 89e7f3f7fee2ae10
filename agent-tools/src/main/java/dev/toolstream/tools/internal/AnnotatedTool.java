package dev.toolstream.tools.internal;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.agent.ToolHandler;
import dev.toolstream.agent.ToolOutput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The handler of one {@code @Tool} method: binds the input, invokes the method, converts what it
 * returns. Everything it needs was prepared at registration; thread-safe if the method is.
 */
final class AnnotatedTool implements ToolHandler {
  private final @Nullable Supplier<?> target;
  private final Method method;
  private final ArgumentBinder binder;

  AnnotatedTool(@Nullable Supplier<?> target, Method method, ArgumentBinder binder) {
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
    Object receiver = receiver();
    Object returned;
    try {
      returned = method.invoke(receiver, arguments);
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

  /**
   * Returns the object the method runs on now: null for a static method.
   *
   * @throws IllegalStateException if the target's supplier gives nothing, or an object the method
   *     cannot run on
   */
  private @Nullable Object receiver() {
    if (target == null || Modifier.isStatic(method.getModifiers())) {
      return null;
    }
    Object receiver = target.get();
    if (!method.getDeclaringClass().isInstance(receiver)) {
      throw new IllegalStateException(
          "the tool "
              + MethodReader.describe(method)
              + " has no "
              + MethodReader.className(method.getDeclaringClass())
              + " to run on: its target supplied "
              + (receiver == null ? "null" : "a " + receiver.getClass().getName())
              + "; supply an instance of the class its tools were read from");
    }
    return receiver;
  }

  @Override
  public String toString() {
    return "AnnotatedTool{" + MethodReader.describe(method) + "}";
  }
}
