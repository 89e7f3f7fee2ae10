package dev.toolstream.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PartialJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                   | {}",
        "'{'                                  | {}",
        "'{\"ci'                              | {}",
        "'{\"city\"'                          | {}",
        "'{\"city\": '                        | {}",
        "'{\"city\": \"Pa'                    | {\"city\":\"Pa\"}",
        "'{\"city\": \"Paris\", \"days\": 1'  | {\"city\":\"Paris\"}",
        "'{\"days\": 12, \"x'              | {\"days\":12}",
        "'{\"ok\": tr'                        | {}",
        "'{\"ok\": true, \"tags\": [\"a\", \"b'  | {\"ok\":true,\"tags\":[\"a\",\"b\"]}",
        "'{\"a\": {\"b\": {\"c\": \"d'        | {\"a\":{\"b\":{\"c\":\"d\"}}}",
        "'{\"q\": \"say \\\"hi'               | {\"q\":\"say \\\"hi\"}",
        "'{\"q\": \"line\\'                   | {\"q\":\"line\"}",
        "'{\"q\": \"caf\\u00e'                | {\"q\":\"caf\"}",
        "'[1, 2'                              | {}",
      })
  void aPrefixParsesToTheObjectItPromisesSoFar(String prefix, String expected) {
    assertThat(PartialJson.parseObject(prefix)).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void valuesNestedPastTheParsersBoundAreLeftOutNotAStackOverflow() {
    String deep = "{\"name\":\"a\",\"tree\":" + "[".repeat(100_000);

    ObjectNode partial = PartialJson.parseObject(deep);

    assertThat(partial.get("name").asString()).isEqualTo("a");
    int depth = 1;
    for (JsonNode node = partial.get("tree"); node != null; node = node.get(0)) {
      depth++;
    }
    assertThat(depth).isEqualTo(500);
  }

  @Test
  void inputNestedToTheParsersLimitStillParses() {
    String deep = "{\"tree\":" + "[".repeat(499);

    assertThat(PartialJson.parseObject(deep).get("tree").isArray()).isTrue();
  }

  @Test
  void aCompleteObjectParsesToWhatTheFinalInputWillBe() {
    String json = "{\"a\":[1,2.50,{\"b\":null}],\"c\":\"東京 😀\",\"d\":false}";

    assertThat(PartialJson.parseObject(json)).isEqualTo(Json.parse(json));
  }
}
