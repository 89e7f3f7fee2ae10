package dev.toolstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds agent-core to its layers, read from the compiled classes (every type a class file names,
 * in code, signatures and annotations, not only its imports).
 *
 * <p>The packages form one line; a package may use those to its left and never one to its right:
 *
 * <pre>
 * messages &lt;- errors &lt;- internal.json &lt;- internal.schema &lt;- internal.tools &lt;- stream
 *   &lt;- internal.sse
 *   &lt;- internal.http &lt;- client &lt;- agent
 * </pre>
 *
 * A new package must be given its place in {@link #LINE}. No public or protected signature of a
 * public package names a type of an {@code internal} package.
 */
final class ArchitectureTest {
  /** agent-core's packages, below {@code dev.toolstream.}, from the bottom of the stack up. */
  static final List<String> LINE =
      List.of(
          "messages",
          "errors",
          "internal.json",
          "internal.schema",
          "internal.tools",
          "stream",
          "internal.sse",
          "internal.http",
          "client",
          "agent");

  private static final String ROOT = "dev.toolstream.";
  private static final Pattern NAMED_TYPE = Pattern.compile("dev/toolstream/((?:[a-z0-9_]+/)*)[A-Z]");

  private static Map<String, Set<String>> uses;
  private static List<Class<?>> classes;

  @BeforeAll
  static void readCompiledClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(MessagesClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    uses = new TreeMap<>();
    classes = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : files) {
      String binaryName =
          root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
      binaryName = binaryName.substring(0, binaryName.length() - ".class".length());
      if (binaryName.endsWith("package-info")) {
        continue;
      }
      String pkg = packageOf(binaryName);
      Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
      try (InputStream in = Files.newInputStream(file)) {
        for (String text : utf8Constants(in)) {
          Matcher m = NAMED_TYPE.matcher(text);
          while (m.find()) {
            String other = m.group(1).replace('/', '.');
            other = other.isEmpty() ? "" : other.substring(0, other.length() - 1);
            if (!other.equals(pkg)) {
              used.add(other);
            }
          }
        }
      }
      try {
        classes.add(Class.forName(binaryName, false, ArchitectureTest.class.getClassLoader()));
      } catch (ClassNotFoundException e) {
        throw new AssertionError(binaryName + " was compiled but cannot be loaded", e);
      }
    }
  }

  @Test
  void everyPackageHasAPlaceInTheLine() {
    assertThat(LINE)
        .as("packages of agent-core: add a new one to ArchitectureTest.LINE at its layer")
        .containsAll(uses.keySet());
  }

  @Test
  void noPackageUsesOneAboveIt() {
    List<String> upward = new ArrayList<>();
    uses.forEach(
        (pkg, used) -> {
          for (String other : used) {
            String edge = pkg + " -> " + other;
            if (LINE.indexOf(other) > LINE.indexOf(pkg)) {
              upward.add(edge);
            }
          }
        });
    assertThat(upward).as("dependencies that point up the line " + LINE).isEmpty();
  }

  @Test
  void packagesFormNoCycle() {
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = cycleFrom(start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
      if (path != null) {
        cycles.add(String.join(" -> ", path));
      }
    }
    assertThat(cycles).as("import cycles between agent-core's packages").isEmpty();
  }

  @Test
  void noPublicSignatureNamesAnInternalType() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : classes) {
      if (!packageOf(type.getName()).startsWith("internal") && isVisible(type)) {
        leaks.addAll(internalTypesIn(type));
      }
    }
    assertThat(leaks).as("public signatures that name an internal type").isEmpty();
  }

  private static List<String> internalTypesIn(Class<?> type) {
    List<String> leaks = new ArrayList<>();
    check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
    for (Type face : type.getGenericInterfaces()) {
      check(type.getName() + " implements", face, leaks);
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        check(type.getName() + "." + component.getName(), component.getGenericType(), leaks);
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (isVisible(field.getModifiers())) {
        check(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (isVisible(constructor.getModifiers())) {
        String where = type.getName() + "(…)";
        for (Type parameter : constructor.getGenericParameterTypes()) {
          check(where, parameter, leaks);
        }
        for (Type thrown : constructor.getGenericExceptionTypes()) {
          check(where, thrown, leaks);
        }
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (isVisible(method.getModifiers()) && !method.isSynthetic()) {
        String where = type.getName() + "." + method.getName() + "(…)";
        check(where, method.getGenericReturnType(), leaks);
        for (Type parameter : method.getGenericParameterTypes()) {
          check(where, parameter, leaks);
        }
        for (Type thrown : method.getGenericExceptionTypes()) {
          check(where, thrown, leaks);
        }
        for (TypeVariable<Method> variable : method.getTypeParameters()) {
          for (Type bound : variable.getBounds()) {
            check(where, bound, leaks);
          }
        }
      }
    }
    return leaks;
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type instanceof Class<?> c) {
      Class<?> named = c;
      while (named.isArray()) {
        named = named.getComponentType();
      }
      if (named.getName().startsWith(ROOT) && packageOf(named.getName()).startsWith("internal")) {
        leaks.add(where + " names " + named.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(where, p.getRawType(), leaks);
      for (Type argument : p.getActualTypeArguments()) {
        check(where, argument, leaks);
      }
    } else if (type instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        check(where, bound, leaks);
      }
      for (Type bound : w.getLowerBounds()) {
        check(where, bound, leaks);
      }
    } else if (type instanceof GenericArrayType a) {
      check(where, a.getGenericComponentType(), leaks);
    }
    // A type variable is checked where it is declared, by its bounds.
  }

  /** Returns whether code outside the package can see {@code type}: public, and so its owners. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!isVisible(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
      if (c.getDeclaringClass() == null && !Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static @Nullable List<String> cycleFrom(
      String start, String at, List<String> path, Set<String> seen) {
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (seen.add(next)) {
        path.add(next);
        List<String> found = cycleFrom(start, next, path, seen);
        if (found != null) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }

  /** Returns the package of a binary class name, below {@code dev.toolstream.}. */
  private static String packageOf(String binaryName) {
    String pkg = binaryName.substring(0, Math.max(0, binaryName.lastIndexOf('.')));
    return pkg.startsWith(ROOT) ? pkg.substring(ROOT.length()) : pkg;
  }

  /** Returns the text constants of a class file: class names, descriptors and signatures. */
  private static List<String> utf8Constants(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    in.readInt(); // magic
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    List<String> texts = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> texts.add(in.readUTF());
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // Longs and doubles take two entries.
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return texts;
  }
}
