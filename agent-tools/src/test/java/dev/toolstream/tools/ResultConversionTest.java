package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.text;
import static dev.toolstream.tools.Harness.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.messages.ContentBlock;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a tool method returns becomes the tool_result, by the documented rules. */
final class ResultConversionTest {

  @Test
  void stringIsSentAsText() throws Exception {
    class Tools {
      @Tool(description = "d")
      String t() {
        return "sunny, 21 \"C\"";
      }
    }
    ToolOutput result = call(tool(new Tools()), "{}");
    assertThat(text(result)).isEqualTo("sunny, 21 \"C\"");
    assertThat(result.isError()).isFalse();
  }

  record Weather(String city, double temperature) {}

  @Test
  void recordIsSentAsJson() throws Exception {
    class Tools {
      @Tool(description = "d")
      Weather t() {
        return new Weather("Lisbon", 21.5);
      }
    }
    assertThat(text(call(tool(new Tools()), "{}")))
        .isEqualTo("{\"city\":\"Lisbon\",\"temperature\":21.5}");
  }

  @Test
  void collectionsAndMapsAreSentAsJson() throws Exception {
    class Tools {
      @Tool(description = "d")
      Map<String, List<Integer>> t() {
        return Map.of("primes", List.of(2, 3, 5));
      }
    }
    assertThat(text(call(tool(new Tools()), "{}"))).isEqualTo("{\"primes\":[2,3,5]}");
  }

  @Test
  void numberIsSentAsJson() throws Exception {
    class Tools {
      @Tool(description = "d")
      int t() {
        return 42;
      }
    }
    assertThat(text(call(tool(new Tools()), "{}"))).isEqualTo("42");
  }

  @Test
  void voidSendsAShortConfirmation() throws Exception {
    class Tools {
      @Tool(description = "d")
      void t() {}
    }
    assertThat(text(call(tool(new Tools()), "{}"))).isEqualTo("done");
  }

  @Test
  void nullAndEmptyOptionalSendNull() throws Exception {
    class Tools {
      @Tool(description = "d")
      Weather a() {
        return null;
      }

      @Tool(description = "d")
      Optional<Weather> b() {
        return Optional.empty();
      }
    }
    for (var spec : AnnotatedTools.from(new Tools())) {
      assertThat(text(spec.handler().call(Harness.json("{}"), new Harness.TestContext("t"))))
          .as(spec.name())
          .isEqualTo("null");
    }
  }

  @Test
  void toolResultIsSentAsItIs() throws Exception {
    ToolOutput image =
        ToolOutput.blocks(
            List.of(ContentBlock.text("chart"), ContentBlock.Image.base64("image/png", "iVBO")));
    class Tools {
      @Tool(description = "d")
      ToolOutput t() {
        return image;
      }
    }
    assertThat(call(tool(new Tools()), "{}")).isSameAs(image);
  }

  @Test
  void thrownExceptionPropagatesUnwrapped() {
    class Tools {
      @Tool(description = "d")
      String t() throws IOException {
        throw new IOException("station offline");
      }
    }
    assertThatThrownBy(() -> call(tool(new Tools()), "{}"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("station offline");
  }
}
