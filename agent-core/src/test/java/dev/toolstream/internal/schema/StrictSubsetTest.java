package dev.toolstream.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.json.Json;
import org.junit.jupiter.api.Test;

/** The JSON Schema subset of strict tools and structured outputs, place by place. */
class StrictSubsetTest {

  @Test
  void aSchemaInTheSubsetHasNoProblems() {
    String schema =
        """
        {"type":"object","additionalProperties":false,"required":["when","kind","tags"],
         "properties":{
           "when":{"type":"string","format":"date-time"},
           "kind":{"enum":["a","b",null]},
           "tags":{"type":"array","minItems":1,"items":{"type":"string"}},
           "place":{"$ref":"#/$defs/Place"},
           "either":{"anyOf":[{"type":"string"},{"type":"integer"}]}},
         "$defs":{"Place":{"type":"object","additionalProperties":false,
           "properties":{"city":{"type":"string","default":"Lisbon"}}}}}
        """;

    assertThat(StrictSubset.problems(Json.parse(schema))).isEmpty();
  }

  @Test
  void recursiveDefinitionsAreNamed() {
    String schema =
        """
        {"type":"object","additionalProperties":false,
         "properties":{"root":{"$ref":"#/$defs/Node"}},
         "$defs":{"Node":{"type":"object","additionalProperties":false,
           "properties":{"children":{"type":"array","items":{"$ref":"#/$defs/Node"}}}}}}
        """;

    assertThat(StrictSubset.problems(Json.parse(schema)))
        .containsExactly(
            "$.$defs.Node: the schema is recursive (it refers to itself), which is not supported;"
                + " bound the nesting with types of their own");
  }

  @Test
  void unsupportedFormatsArrayBoundsAndComplexEnumsAreNamed() {
    String schema =
        """
        {"type":"object","additionalProperties":false,"properties":{
          "site":{"type":"string","format":"iri"},
          "list":{"type":"array","minItems":2},
          "pick":{"enum":[{"a":1}]},
          "one":{"oneOf":[{"type":"string"}]}}}
        """;

    assertThat(StrictSubset.problems(Json.parse(schema)))
        .containsExactly(
            "$.properties.site: format \"iri\" is not supported; use one of [date, date-time,"
                + " duration, email, hostname, ipv4, ipv6, time, uri, uuid] or none",
            "$.properties.list: \"minItems\": only 0 or 1 is supported, was 2",
            "$.properties.pick: \"enum\" may hold only strings, numbers, booleans and null",
            "$.properties.one: \"oneOf\": oneOf is not supported; use anyOf");
  }
}
