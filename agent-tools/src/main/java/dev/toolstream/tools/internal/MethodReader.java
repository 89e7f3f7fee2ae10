package dev.toolstream.tools.internal;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.tools.Tool;
import dev.toolstream.tools.ToolParam;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@link Tool} method's annotations and signature once, at registration, and rejects what
 * cannot become a tool with a message naming the method, the parameter and the fix.
 */
final class MethodReader {
  private MethodReader() {}

  /** Returns the tool's name: {@link Tool#name()}, or the method's name. */
  static String toolName(Method method) {
    String name = method.getAnnotation(Tool.class).name();
    return name.isEmpty() ? method.getName() : name;
  }

  /**
   * Returns the method's description.
   *
   * @throws IllegalArgumentException if it is blank
   */
  static String description(Method method) {
    String description = method.getAnnotation(Tool.class).description();
    if (description.isBlank()) {
      throw error(
          method,
          "has no description: add @Tool(description = \"...\") saying what the tool does and"
              + " when to use it");
    }
    return description;
  }

  /**
   * Returns the method's parameters in order.
   *
   * @throws IllegalArgumentException if a parameter has no name, an unsupported type, a name used
   *     twice, or a default that is not valid for its type; or the return type is unsupported
   */
  static List<ToolParameter> parameters(Method method) {
    String returnProblem = Types.unsupportedReturn(method.getGenericReturnType());
    if (returnProblem != null) {
      throw error(method, "cannot be a tool: " + returnProblem);
    }
    Parameter[] parameters = method.getParameters();
    List<ToolParameter> result = new ArrayList<>(parameters.length);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < parameters.length; i++) {
      ToolParameter parameter = read(method, i, parameters[i]);
      if (parameter.kind() != ToolParameter.Kind.CONTEXT && !names.add(parameter.name())) {
        throw error(
            method,
            "has two parameters named \""
                + parameter.name()
                + "\": give one another name with @ToolParam(name = \"...\")");
      }
      result.add(parameter);
    }
    return List.copyOf(result);
  }

  private static ToolParameter read(Method method, int index, Parameter parameter) {
    Type type = parameter.getParameterizedType();
    if (parameter.getType() == ToolContext.class) {
      return new ToolParameter(
          parameter.getName(), "", false, null, type, ToolParameter.Kind.CONTEXT);
    }
    ToolParam annotation = parameter.getAnnotation(ToolParam.class);
    String name = name(method, index, parameter, annotation);
    String problem = Types.unsupportedParameter(type);
    if (problem != null) {
      throw error(method, "parameter \"" + name + "\" is not supported: " + problem);
    }
    boolean optional = parameter.getType() == Optional.class;
    ToolParameter.Kind kind = optional ? ToolParameter.Kind.OPTIONAL : ToolParameter.Kind.VALUE;
    Type valueType = optional ? Types.optionalElement(type) : type;
    JsonNode defaultValue = defaultValue(method, name, annotation, valueType);
    boolean required =
        !optional && defaultValue == null && (annotation == null || annotation.required());
    if (!required && defaultValue == null && parameter.getType().isPrimitive()) {
      throw error(
          method,
          "parameter \""
              + name
              + "\" is optional but a "
              + parameter.getType()
              + " cannot be absent: give it a defaultValue, or use "
              + boxed(parameter.getType())
              + " or Optional<"
              + boxed(parameter.getType())
              + ">");
    }
    String description = annotation == null ? "" : annotation.description();
    return new ToolParameter(name, description, required, defaultValue, type, kind);
  }

  private static String name(
      Method method, int index, Parameter parameter, @Nullable ToolParam annotation) {
    if (annotation != null && !annotation.name().isEmpty()) {
      return annotation.name();
    }
    if (!parameter.isNamePresent()) {
      throw error(
          method,
          "parameter "
              + index
              + " ("
              + parameter.getType().getSimpleName()
              + ") has no name: compile with -parameters or add @ToolParam(name = \"...\")");
    }
    return parameter.getName();
  }

  private static @Nullable JsonNode defaultValue(
      Method method, String name, @Nullable ToolParam annotation, Type valueType) {
    if (annotation == null || annotation.defaultValue().isEmpty()) {
      return null;
    }
    try {
      return Literals.parseFor(annotation.defaultValue(), valueType);
    } catch (IllegalArgumentException e) {
      throw error(
          method,
          "parameter \""
              + name
              + "\" has a default value that is not a "
              + valueType.getTypeName()
              + ": "
              + firstLine(e.getMessage())
              + "; fix @ToolParam(defaultValue = ...)");
    }
  }

  private static String boxed(Class<?> primitive) {
    return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType().getSimpleName();
  }

  static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** Returns a registration error that names {@code method} and says what to do. */
  static IllegalArgumentException error(Method method, String problem) {
    return new IllegalArgumentException("@Tool method " + describe(method) + " " + problem);
  }

  /** Returns {@code method} as {@code Type.name(ParamType, …)}. */
  static String describe(Method method) {
    String parameters =
        Stream.of(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", "));
    return className(method.getDeclaringClass())
        + "."
        + method.getName()
        + "("
        + parameters
        + ")";
  }

  /**
   * Returns {@code type}'s simple name, or for an anonymous class, which has none, its binary name
   * without the package ({@code WeatherAgent$1}).
   */
  static String className(Class<?> type) {
    if (!type.isAnonymousClass()) {
      return type.getSimpleName();
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
