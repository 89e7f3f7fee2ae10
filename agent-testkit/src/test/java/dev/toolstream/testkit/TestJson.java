package dev.toolstream.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON parsing for the tests. */
final class TestJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TestJson() {}

  static JsonNode read(String json) {
    return MAPPER.readTree(json);
  }
}
