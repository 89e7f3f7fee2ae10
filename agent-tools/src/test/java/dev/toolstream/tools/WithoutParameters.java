package dev.toolstream.tools;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a class without {@code -parameters}, as a user's build might. */
final class WithoutParameters {
  private WithoutParameters() {}

  /** Compiles {@code source} (class {@code name}, default package) into {@code dir}, loads it. */
  static Class<?> compile(Path dir, String name, String source)
      throws IOException, ClassNotFoundException {
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, source);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> arguments =
        List.of(
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            file.toString());
    int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed with status " + status);
    }
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {dir.toUri().toURL()}, WithoutParameters.class.getClassLoader());
    return loader.loadClass(name);
  }
}
