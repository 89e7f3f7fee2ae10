package dev.toolstream.tools.internal;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.schema.CompiledSchema;
import dev.toolstream.tools.Tool;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@link ToolSpec}s of annotated methods: finds them, reads them, derives their schemas,
 * prepares their binders. Backs {@link dev.toolstream.tools.AnnotatedTools}; not part of the public
 * API.
 */
public final class ToolSpecFactory {
  private ToolSpecFactory() {}

  /**
   * Returns one tool per {@link Tool} method of {@code type} and its superclasses, sorted by name,
   * each call running on the object {@code target} supplies when the call comes.
   *
   * @param target supplies the instance whose methods run, or null to take only static methods
   * @throws IllegalArgumentException if there is no such method, or one cannot be a tool
   */
  public static List<ToolSpec> create(Class<?> type, @Nullable Supplier<?> target) {
    List<Method> methods = toolMethods(type);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException(
          type.getName()
              + " has no @Tool methods: annotate at least one method with"
              + " @Tool(description = \"...\")");
    }
    List<ToolSpec> specs = new ArrayList<>(methods.size());
    SchemaIndex index = SchemaIndex.load(type, type.getClassLoader());
    for (Method method : methods) {
      if (target == null && !Modifier.isStatic(method.getModifiers())) {
        throw MethodReader.error(
            method,
            "is not static, so it needs an instance: register one with AnnotatedTools.from(new "
                + type.getSimpleName()
                + "(...)), or make the method static");
      }
      specs.add(create(method, target, index));
    }
    specs.sort(Comparator.comparing(ToolSpec::name));
    return checkNamesUnique(List.of(specs));
  }

  /**
   * Returns the tools of all {@code groups} as one list, in order.
   *
   * @throws IllegalArgumentException if two tools have the same name
   */
  public static List<ToolSpec> checkNamesUnique(List<List<ToolSpec>> groups) {
    Map<String, ToolSpec> byName = new LinkedHashMap<>();
    for (List<ToolSpec> group : groups) {
      for (ToolSpec spec : group) {
        ToolSpec previous = byName.putIfAbsent(spec.name(), spec);
        if (previous != null) {
          throw new IllegalArgumentException(
              "two tools are named \""
                  + spec.name()
                  + "\" ("
                  + previous.handler()
                  + " and "
                  + spec.handler()
                  + "): rename one with @Tool(name = \"...\")");
        }
      }
    }
    return List.copyOf(byName.values());
  }

  private static ToolSpec create(
      Method method, @Nullable Supplier<?> target, @Nullable SchemaIndex index) {
    if (!method.trySetAccessible()) {
      throw MethodReader.error(method, "is not accessible: make it and its class public");
    }
    String name = MethodReader.toolName(method);
    String description = MethodReader.description(method);
    Tool tool = method.getAnnotation(Tool.class);
    List<ToolParameter> parameters = MethodReader.parameters(method);
    // The schema the build wrote, if it is still the method's; else derived now.
    ObjectNode indexed = index == null ? null : index.schema(method);
    ObjectNode schema =
        indexed != null ? indexed : ToolSchemas.inputSchema(method, parameters, tool.strict());
    ArgumentBinder binder = new ArgumentBinder(parameters, schema);
    try {
      ToolSpec.Builder spec =
          ToolSpec.builder(name)
              .description(description)
              .inputSchema(schema)
              .strict(tool.strict())
              .idempotent(tool.idempotent())
              .requiresApproval(tool.requiresApproval())
              .handler(new AnnotatedTool(target, method, binder));
      if (tool.eagerInputStreaming()) {
        spec.eagerInputStreaming(true);
      }
      // Derived here or at build time by the same code, the schema needs no meta-schema check.
      CompiledSchema.buildingGenerated(schema);
      return spec.build();
    } catch (IllegalArgumentException e) {
      throw MethodReader.error(method, "cannot be a tool: " + e.getMessage());
    } finally {
      CompiledSchema.buildingGenerated(null);
    }
  }

  /**
   * Returns the {@link Tool} methods of {@code type}, one per signature: a method is a tool if it,
   * or a method it overrides or implements, carries {@code @Tool}, and the most specific such
   * declaration (subclass first, then superclasses, then interfaces nearest first) describes it.
   * Invoking that declaration reaches the object's own implementation.
   */
  static List<Method> toolMethods(Class<?> type) {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    for (Class<?> c : typeAndSupertypes(type)) {
      Method[] declared = c.getDeclaredMethods();
      Arrays.sort(declared, Comparator.comparing(Method::toString));
      for (Method method : declared) {
        if (!method.isBridge() && !method.isSynthetic() && method.isAnnotationPresent(Tool.class)) {
          String signature = method.getName() + Arrays.toString(method.getParameterTypes());
          bySignature.putIfAbsent(signature, method);
        }
      }
    }
    return new ArrayList<>(bySignature.values());
  }

  /** Returns {@code type}, its superclasses, then all their interfaces breadth first, once each. */
  private static Set<Class<?>> typeAndSupertypes(Class<?> type) {
    Set<Class<?>> types = new LinkedHashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      types.add(c);
    }
    Deque<Class<?>> interfaces = new ArrayDeque<>();
    for (Class<?> c : List.copyOf(types)) {
      interfaces.addAll(Arrays.asList(c.getInterfaces()));
    }
    while (!interfaces.isEmpty()) {
      Class<?> next = interfaces.removeFirst();
      if (types.add(next)) {
        interfaces.addAll(Arrays.asList(next.getInterfaces()));
      }
    }
    return types;
  }
}
