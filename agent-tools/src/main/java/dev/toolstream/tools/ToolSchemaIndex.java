package dev.toolstream.tools;

import dev.toolstream.tools.internal.SchemaIndexWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Derives the input schemas of {@link Tool} classes at build time, so that {@link AnnotatedTools}
 * need not at start-up: for a command-line agent, deriving schemas is the largest part of its own
 * start-up (the generator loads some 250 classes). Run it after compiling, with the classes on the
 * class path, for example from Maven:
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.codehaus.mojo</groupId>
 *   <artifactId>exec-maven-plugin</artifactId>
 *   <executions>
 *     <execution>
 *       <id>tool-schemas</id>
 *       <phase>process-classes</phase>
 *       <goals><goal>java</goal></goals>
 *       <configuration>
 *         <mainClass>dev.toolstream.tools.ToolSchemaIndex</mainClass>
 *         <arguments>
 *           <argument>${project.build.outputDirectory}</argument>
 *           <argument>com.example.WeatherTools</argument>
 *         </arguments>
 *       </configuration>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 *
 * <p>For each class it writes {@code META-INF/toolstream/tools/CLASS.json} under the classes
 * directory, so the schemas travel in the jar with the class. At registration {@link
 * AnnotatedTools} takes a tool's schema from there only if a fingerprint of what the schema depends
 * on (the method, its annotations, and the classes its parameter types reach, with their fields,
 * methods and annotations) is still the one written; if anything changed since, or there is no
 * index, it derives the schema as usual. The schema is the same either way, and is checked and
 * compiled at registration either way.
 */
public final class ToolSchemaIndex {
  private ToolSchemaIndex() {}

  /**
   * Writes the schema index of each class named after the directory.
   *
   * @param args the classes directory, then one or more binary class names
   * @throws IllegalArgumentException if the arguments are missing, a class is not found or has no
   *     tool method, or a method cannot be a tool
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: ToolSchemaIndex CLASSES_DIRECTORY CLASS...: give the directory the classes were"
              + " compiled to, then each class with @Tool methods");
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (int i = 1; i < args.length; i++) {
      Class<?> type;
      try {
        type = Class.forName(args[i], false, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException(
            "class " + args[i] + " is not on the class path: compile it first", e);
      }
      try {
        SchemaIndexWriter.write(Path.of(args[0]), type);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the tool schema index under " + args[0], e);
      }
    }
  }
}
