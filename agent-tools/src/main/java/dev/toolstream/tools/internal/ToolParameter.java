package dev.toolstream.tools.internal;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One parameter of a tool method, as read at registration.
 *
 * @param name the property name in the input JSON; for the context parameter, its Java name
 * @param description what it means, or empty
 * @param required whether the schema lists it as required
 * @param defaultValue the value bound when the property is absent, or null for none
 * @param type the exact generic parameter type, {@code Optional<T>} included
 * @param kind how the parameter is filled
 */
record ToolParameter(
    String name,
    String description,
    boolean required,
    @Nullable JsonNode defaultValue,
    Type type,
    Kind kind) {

  /** How a parameter is filled. */
  enum Kind {
    /** From the input property of the same name. */
    VALUE,
    /** From the input property, wrapped; {@code Optional.empty()} when absent or null. */
    OPTIONAL,
    /** Injected: the call's {@link dev.toolstream.agent.ToolContext}. */
    CONTEXT
  }

  /** Returns the type the schema describes: {@code T} for {@code Optional<T>}. */
  Type valueType() {
    return kind == Kind.OPTIONAL ? Types.optionalElement(type) : type;
  }
}
