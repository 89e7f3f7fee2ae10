package dev.toolstream.tools.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The input schemas of one class's tools as {@link dev.toolstream.tools.ToolSchemaIndex} wrote them
 * at build time, in the resource {@code META-INF/toolstream/tools/CLASS.json} beside the class. A
 * schema is used only if its method's {@link SchemaFingerprint} is still the one recorded; otherwise
 * the tool's schema is derived again, as without an index.
 */
final class SchemaIndex {
  static final String DIRECTORY = "META-INF/toolstream/tools/";

  private final JsonNode tools;

  private SchemaIndex(JsonNode tools) {
    this.tools = tools;
  }

  /** Returns the index written for {@code type}, or null if there is none (or it is unreadable). */
  static @Nullable SchemaIndex load(Class<?> type, @Nullable ClassLoader loader) {
    ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
    try (InputStream in = from.getResourceAsStream(resource(type))) {
      if (in == null) {
        return null;
      }
      JsonNode index = BindingMapper.MAPPER.readTree(in);
      JsonNode tools = index.path("tools");
      return index.path("format").asInt(-1) == SchemaFingerprint.FORMAT && tools.isObject()
          ? new SchemaIndex(tools)
          : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource(type), e);
    } catch (JacksonException e) {
      return null; // Not ours, or damaged: derive the schemas as if it were absent.
    }
  }

  /** Returns the recorded schema of {@code method} if its fingerprint still matches, else null. */
  @Nullable ObjectNode schema(Method method) {
    JsonNode entry = tools.path(signature(method));
    JsonNode schema = entry.path("schema");
    if (!schema.isObject() || !entry.path("fingerprint").asString("").equals(fingerprint(method))) {
      return null;
    }
    return (ObjectNode) schema.deepCopy();
  }

  /** Returns the resource path of {@code type}'s index. */
  static String resource(Class<?> type) {
    return DIRECTORY + type.getName() + ".json";
  }

  /** Returns the key of {@code method} in an index: its name and parameter types. */
  static String signature(Method method) {
    return method.getName() + Arrays.toString(method.getParameterTypes());
  }

  /** Returns the fingerprint recorded with {@code method}'s schema. */
  static String fingerprint(Method method) {
    return SchemaFingerprint.of(method);
  }
}
