package dev.toolstream.tools.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.toolstream.tools.Tool;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A 64-bit fingerprint of everything a tool's derived schema depends on: the method's signature,
 * its {@code @Tool} and parameter annotations and names, and, for every class its parameter types
 * reach outside {@code java.*}, the class's annotations, fields, methods, subtypes and supertypes,
 * each with its annotations, type-use annotations included. Reflection only, no schema generator:
 * cheap at run time. It is deliberately over-sensitive (a change to any method of a reached class
 * changes it), since a fingerprint that changes only costs a derivation, and one that does not
 * change when the schema would is a wrong schema.
 */
final class SchemaFingerprint {
  /** Changes whenever the derivation changes what it makes of the same code. */
  static final int FORMAT = 3;

  private final StringBuilder description = new StringBuilder(1024);
  private final Set<Class<?>> visited = new HashSet<>();

  private SchemaFingerprint() {}

  /** Returns the fingerprint of {@code method}'s input schema, as hex. */
  static String of(Method method) {
    SchemaFingerprint fingerprint = new SchemaFingerprint();
    fingerprint.describe(method);
    return fingerprint.hash();
  }

  private void describe(Method method) {
    add("format " + FORMAT);
    add(method.toGenericString());
    add(text(method.getAnnotation(Tool.class)));
    for (Parameter parameter : method.getParameters()) {
      add(parameter.getName());
      annotations(parameter.getAnnotations());
      typeAnnotations(parameter.getAnnotatedType());
      visit(parameter.getParameterizedType());
    }
  }

  private void visit(Type type) {
    if (type instanceof Class<?> c) {
      visitClass(c);
    } else if (type instanceof ParameterizedType p) {
      visit(p.getRawType());
      for (Type argument : p.getActualTypeArguments()) {
        visit(argument);
      }
    } else if (type instanceof GenericArrayType array) {
      visit(array.getGenericComponentType());
    } else if (type instanceof WildcardType wildcard) {
      Arrays.stream(wildcard.getUpperBounds()).forEach(this::visit);
      Arrays.stream(wildcard.getLowerBounds()).forEach(this::visit);
    } else if (type instanceof TypeVariable<?> variable) {
      add(variable.getName());
    }
  }

  private void visitClass(Class<?> c) {
    add(c.getName());
    if (c.isPrimitive() || c.getName().startsWith("java.") || !visited.add(c)) {
      return;
    }
    if (c.isArray()) {
      visitClass(c.getComponentType());
      return;
    }
    add(c.toGenericString());
    annotations(c.getDeclaredAnnotations());
    Field[] fields = c.getDeclaredFields();
    Arrays.sort(fields, Comparator.comparing(Field::getName));
    for (Field field : fields) {
      if (!field.isSynthetic()) {
        add(field.toGenericString());
        annotations(field.getDeclaredAnnotations());
        typeAnnotations(field.getAnnotatedType());
        visit(field.getGenericType());
      }
    }
    Method[] methods = c.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
    for (Method method : methods) {
      if (!method.isSynthetic()) {
        add(method.toGenericString());
        annotations(method.getDeclaredAnnotations());
        typeAnnotations(method.getAnnotatedReturnType());
      }
    }
    if (c.getGenericSuperclass() != null) {
      visit(c.getGenericSuperclass());
    }
    Arrays.stream(c.getGenericInterfaces()).forEach(this::visit);
    Class<?>[] permitted = c.getPermittedSubclasses();
    if (permitted != null) {
      Arrays.stream(permitted).sorted(Comparator.comparing(Class::getName)).forEach(this::visit);
    }
    JsonSubTypes subTypes = c.getDeclaredAnnotation(JsonSubTypes.class);
    if (subTypes != null) {
      Arrays.stream(subTypes.value()).forEach(subType -> visit(subType.value()));
    }
  }

  /**
   * Adds the type-use annotations on {@code type} and its type arguments: neither {@code
   * toGenericString()} nor the declared annotations show them, and one such as JSpecify's
   * {@code @Nullable} on a record component takes it out of {@code required}.
   */
  private void typeAnnotations(AnnotatedType type) {
    add("type " + type.getType().getTypeName());
    annotations(type.getDeclaredAnnotations());
    if (type instanceof AnnotatedParameterizedType parameterized) {
      Arrays.stream(parameterized.getAnnotatedActualTypeArguments()).forEach(this::typeAnnotations);
    } else if (type instanceof AnnotatedArrayType array) {
      typeAnnotations(array.getAnnotatedGenericComponentType());
    } else if (type instanceof AnnotatedWildcardType wildcard) {
      Arrays.stream(wildcard.getAnnotatedUpperBounds()).forEach(this::typeAnnotations);
      Arrays.stream(wildcard.getAnnotatedLowerBounds()).forEach(this::typeAnnotations);
    }
  }

  private void annotations(Annotation[] annotations) {
    Arrays.stream(annotations).map(SchemaFingerprint::text).sorted().forEach(this::add);
  }

  /**
   * Returns an annotation as text with its members in name order. Not its {@code toString()}: that
   * lists members in the order reflection returns the annotation type's methods, which HotSpot
   * does not keep from one run to the next.
   */
  static String text(@Nullable Object value) {
    if (value instanceof Annotation annotation) {
      Method[] members = annotation.annotationType().getDeclaredMethods();
      Arrays.sort(members, Comparator.comparing(Method::getName));
      StringBuilder text = new StringBuilder("@").append(annotation.annotationType().getName());
      text.append('(');
      for (Method member : members) {
        text.append(member.getName()).append('=');
        try {
          member.setAccessible(true);
          text.append(text(member.invoke(annotation)));
        } catch (ReflectiveOperationException | RuntimeException e) {
          text.append('?'); // Still the same text every run.
        }
        text.append(';');
      }
      return text.append(')').toString();
    }
    if (value != null && value.getClass().isArray()) {
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
        text.append(text(java.lang.reflect.Array.get(value, i))).append(',');
      }
      return text.append(']').toString();
    }
    if (value instanceof Class<?> type) {
      return type.getName();
    }
    return String.valueOf(value);
  }

  private void add(String part) {
    description.append(part).append('\n');
  }

  /** FNV-1a, 64 bits, over the description's characters. */
  private String hash() {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < description.length(); i++) {
      hash ^= description.charAt(i);
      hash *= 0x100000001b3L;
    }
    return String.format("%016x", hash);
  }
}
