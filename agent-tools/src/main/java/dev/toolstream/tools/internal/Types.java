package dev.toolstream.tools.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/** Questions about reflected types that registration asks. */
final class Types {
  private Types() {}

  /** Returns the class behind {@code type}. */
  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof GenericArrayType a) {
      return java.lang.reflect.Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
    }
    return Object.class;
  }

  /** Returns {@code T} for {@code Optional<T>}. */
  static Type optionalElement(Type optional) {
    if (optional instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0];
    }
    return Object.class;
  }

  /**
   * Returns why a parameter of {@code type} cannot be described and bound, with the fix, or null if
   * it can.
   */
  static @Nullable String unsupportedParameter(Type type) {
    if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
      return "its type " + type.getTypeName() + " is not concrete: use a concrete type";
    }
    if (type == Optional.class) {
      return "it is a raw Optional: say what it holds, such as Optional<String>";
    }
    if (type == OptionalInt.class || type == OptionalLong.class || type == OptionalDouble.class) {
      return "its type "
          + ((Class<?>) type).getSimpleName()
          + " is not supported: use Optional<Integer>, Optional<Long> or Optional<Double>";
    }
    if (type instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        String problem = unsupportedParameter(argument);
        if (problem != null) {
          return problem.replace("its type", "its type argument");
        }
      }
    }
    if (type instanceof GenericArrayType a) {
      return unsupportedParameter(a.getGenericComponentType());
    }
    return null;
  }

  /** Returns why a method returning {@code type} cannot be a tool, with the fix, or null. */
  static @Nullable String unsupportedReturn(Type type) {
    Class<?> raw = raw(type);
    if (Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)) {
      return "it returns "
          + raw.getSimpleName()
          + ": return the value itself; the agent already runs tools on its own executor";
    }
    return null;
  }
}
