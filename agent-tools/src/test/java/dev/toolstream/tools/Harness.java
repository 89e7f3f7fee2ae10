package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.toolstream.agent.ToolContext;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Registers annotated test tools, checks their schemas and calls them as the agent would. */
final class Harness {
  private static final Schema META_SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private Harness() {}

  /** Registers the one tool of {@code tools} and checks its schema against the meta-schema. */
  static ToolSpec tool(Object tools) {
    List<ToolSpec> specs = AnnotatedTools.from(tools);
    assertThat(specs).hasSize(1);
    assertValidSchema(specs.get(0).definition().inputSchema());
    return specs.get(0);
  }

  /** Asserts that {@code schema} is valid against the JSON Schema 2020-12 meta-schema. */
  static void assertValidSchema(JsonNode schema) {
    assertThat(META_SCHEMA.validate(schema)).as("meta-schema violations of %s", schema).isEmpty();
  }

  /** Returns the schema of one property of the tool's input. */
  static JsonNode property(ToolSpec spec, String name) {
    return spec.definition().inputSchema().path("properties").path(name);
  }

  /** Validates {@code input} (it must be valid), then calls the tool's handler with it. */
  static ToolOutput call(ToolSpec spec, String input) throws Exception {
    JsonNode json = Json.parse(input);
    assertThat(spec.validate(json)).as("violations of %s", input).isEmpty();
    return spec.handler().call(json, new TestContext(spec.name()));
  }

  /** Calls the tool's handler without validating first, as a direct caller might. */
  static ToolOutput callUnvalidated(ToolSpec spec, String input) throws Exception {
    return spec.handler().call(Json.parse(input), new TestContext(spec.name()));
  }

  /** Returns the schema violations of {@code input}. */
  static List<String> violations(ToolSpec spec, String input) {
    return spec.validate(Json.parse(input));
  }

  /** Returns the text of a one-block result. */
  static String text(ToolOutput result) {
    assertThat(result.content()).hasSize(1);
    return ((ContentBlock.Text) result.content().get(0)).text();
  }

  static JsonNode json(String text) {
    return Json.parse(text);
  }

  /** A context for direct handler calls: no history, never cancelled. */
  record TestContext(String toolName) implements ToolContext {
    @Override
    public String toolUseId() {
      return "toolu_test";
    }

    @Override
    public List<MessageParam> history() {
      return List.of();
    }

    @Override
    public boolean isCancelled() {
      return false;
    }
  }
}
