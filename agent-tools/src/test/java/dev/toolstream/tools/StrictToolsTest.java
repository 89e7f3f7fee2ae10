package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code @Tool(strict = true)} derives a schema strict mode takes, or says why it cannot. */
final class StrictToolsTest {
  record Station(String name, byte level) {}

  static final class StrictTools {
    @Tool(description = "Reads a station.", strict = true, eagerInputStreaming = true)
    String read_station(Station station, Optional<String> note) {
      return station.name();
    }
  }

  @Test
  void aStrictToolKeepsItsSchemaInTheSubsetAndSaysSoOnTheWire() throws Exception {
    ToolSpec spec = Harness.tool(new StrictTools());

    assertThat(spec.definition().strict()).isTrue();
    assertThat(spec.definition().eagerInputStreaming()).isTrue();
    assertThat(spec.definition().inputSchema().at("/properties/station/properties/level"))
        .isEqualTo(Json.parse("{\"type\":\"integer\"}"));
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Done."))) {
      MessagesClient client =
          MessagesClient.builder()
              .apiKey("test-key")
              .baseUrl(claude.baseUrl())
              .maxRetries(0)
              .build();
      Agent.builder().client(client).model("claude-sonnet-4-6").tool(spec).build().run("Read it");

      JsonNode tool = claude.takeRequest(Duration.ofSeconds(5)).body().at("/tools/0");
      assertThat(tool.get("strict").asBoolean()).isTrue();
      assertThat(tool.get("eager_input_streaming").asBoolean()).isTrue();
    }
  }

  @Test
  void aToolThatIsNotStrictKeepsTheBoundsItsTypesHave() {
    final class Loose {
      @Tool(description = "Reads a station.")
      String read_station(Station station) {
        return station.name();
      }
    }

    ToolSpec spec = Harness.tool(new Loose());

    assertThat(spec.definition().strict()).isFalse();
    assertThat(spec.definition().eagerInputStreaming()).isNull();
    assertThat(
            spec.definition()
                .inputSchema()
                .at("/properties/station/properties/level/maximum")
                .asInt())
        .isEqualTo(127);
  }

  @Test
  void aStrictToolWithAMapParameterIsRefusedNamingIt() {
    final class Tags {
      @Tool(description = "Tags a city.", strict = true)
      String tag(String city, Map<String, String> tags) {
        return city;
      }
    }

    assertThatThrownBy(() -> AnnotatedTools.from(new Tags()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tags.tag(String, Map) cannot be a tool: tool \"tag\" cannot be strict,"
                + " since strict mode does not support its whole schema: $.properties.tags: a map"
                + " (additionalProperties with a schema) is not supported; use a type with fixed"
                + " properties. Change the schema, or drop strict(true)");
  }

  record Category(String name, List<Category> children) {}

  @Test
  void aStrictToolWithARecursiveTypeIsRefusedNamingIt() {
    final class Categories {
      @Tool(description = "Files a category tree.", strict = true)
      String file(Category root) {
        return root.name();
      }
    }

    assertThatThrownBy(() -> AnnotatedTools.from(new Categories()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be strict")
        .hasMessageContaining("$.$defs.Category: the schema is recursive");
  }
}
