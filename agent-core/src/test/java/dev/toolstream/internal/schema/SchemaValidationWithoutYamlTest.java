package dev.toolstream.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.internal.json.Json;
import org.junit.jupiter.api.Test;

/**
 * agent-core leaves out the YAML support json-schema-validator brings (jackson-dataformat-yaml and
 * snakeyaml-engine): schemas are still checked against the 2020-12 meta-schema, compiled and used,
 * on the class path a user's build resolves.
 */
class SchemaValidationWithoutYamlTest {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["city","when"],
       "properties":{
         "city":{"type":"string","minLength":1},
         "unit":{"enum":["celsius","fahrenheit"]},
         "when":{"type":"string","format":"date-time"},
         "days":{"type":"integer","minimum":1,"maximum":16}}}
      """;

  @Test
  void theYamlStackIsNotOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("tools.jackson.dataformat.yaml.YAMLMapper"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.snakeyaml.engine.v2.api.Load"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aValidInputHasNoViolations() {
    CompiledSchema schema = CompiledSchema.compile("get_weather", Json.parse(SCHEMA));

    assertThat(
            schema.validate(
                Json.parse(
                    "{\"city\":\"Tokyo\",\"unit\":\"celsius\",\"when\":\"2026-12-02T13:00:00Z\","
                        + "\"days\":3}")))
        .isEmpty();
  }

  @Test
  void everyViolationIsNamedWithItsPathAndRule() {
    CompiledSchema schema = CompiledSchema.compile("get_weather", Json.parse(SCHEMA));

    assertThat(schema.validate(Json.parse("{\"unit\":\"kelvin\",\"days\":40,\"extra\":1}")))
        .anySatisfy(message -> assertThat(message).startsWith("$.unit: ").endsWith("(enum)"))
        .anySatisfy(message -> assertThat(message).startsWith("$.days: ").endsWith("(maximum)"))
        .anySatisfy(message -> assertThat(message).contains("city").endsWith("(required)"))
        .anySatisfy(
            message -> assertThat(message).contains("extra").endsWith("(additionalProperties)"));
  }

  @Test
  void aSchemaThatBreaksTheMetaSchemaIsRefused() {
    assertThatThrownBy(
            () ->
                CompiledSchema.compile(
                    "get_weather",
                    Json.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":7}}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tool \"get_weather\" has an invalid input schema: ")
        .hasMessageContaining("$.properties.city.type");
  }
}
