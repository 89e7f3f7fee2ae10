package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins every Java snippet of the README to compiled code: each {@code ```java} block is preceded
 * by {@code <!-- snippet: NAME … -->} and holds exactly the named regions ({@code // region NAME}
 * … {@code // endregion}) of the sources in this package, joined by a blank line. So a snippet
 * that no longer compiles, or a README that drifts from the code, fails the build.
 */
final class ReadmeMatchesSnippetsTest {
  /** The snippet sources: this package, and the Spring Boot starter's (compiled in its tests). */
  private static final List<Path> SNIPPETS =
      List.of(
          Path.of("src/test/java/dev/toolstream/examples/readme"),
          Path.of("../toolstream-spring-boot-starter/src/test/java/dev/toolstream/spring/boot/readme"));
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([\\w\\- ]+) -->");

  @Test
  void everyJavaBlockInTheReadmeIsACompiledSnippet() {
    List<Block> blocks = readmeJavaBlocks();
    assertThat(blocks).isNotEmpty();
    Map<String, String> regions = regions();
    for (Block block : blocks) {
      assertThat(block.names())
          .as("README line %d: a java block needs a <!-- snippet: … --> line above it", block.line())
          .isNotEmpty();
      assertThat(regions.keySet())
          .as("README line %d names regions that no snippet source has", block.line())
          .containsAll(block.names());
      String expected =
          block.names().stream().map(regions::get).collect(Collectors.joining("\n\n"));
      assertThat(block.text())
          .as("README line %d differs from the snippet sources %s", block.line(), block.names())
          .isEqualTo(expected);
    }
  }

  @Test
  void everySnippetRegionAppearsInTheReadme() {
    Set<String> shown = new TreeSet<>();
    readmeJavaBlocks().forEach(block -> shown.addAll(block.names()));
    assertThat(shown).containsAll(regions().keySet());
  }

  private record Block(int line, List<String> names, String text) {}

  private static List<Block> readmeJavaBlocks() {
    List<String> lines = read(Path.of("..", "README.md")).lines().toList();
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      List<String> names = List.of();
      int previous = i - 1;
      while (previous >= 0 && lines.get(previous).isBlank()) {
        previous--;
      }
      Matcher marker = previous >= 0 ? MARKER.matcher(lines.get(previous).strip()) : null;
      if (marker != null && marker.matches()) {
        names = List.of(marker.group(1).strip().split("\\s+"));
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      blocks.add(new Block(i + 1, names, String.join("\n", lines.subList(start, end))));
      i = end;
    }
    return blocks;
  }

  /** Returns each region of the snippet sources by name, its common indentation removed. */
  private static Map<String, String> regions() {
    Map<String, String> regions = new LinkedHashMap<>();
    for (Path directory : SNIPPETS) {
      addRegions(directory, regions);
    }
    return regions;
  }

  private static void addRegions(Path directory, Map<String, String> regions) {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("// region ")) {
            String name = line.substring("// region ".length()).strip();
            int end = i + 1;
            while (!lines.get(end).strip().equals("// endregion")) {
              end++;
            }
            String previous = regions.put(name, dedent(lines.subList(i + 1, end)));
            assertThat(previous).as("region %s is defined twice", name).isNull();
            i = end;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream()
        .map(line -> line.isBlank() ? "" : line.substring(indent))
        .collect(Collectors.joining("\n"));
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
