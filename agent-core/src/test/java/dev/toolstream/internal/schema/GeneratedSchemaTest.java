package dev.toolstream.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.internal.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A schema the library generated skips the meta-schema check, and only that very node: an equal
 * schema from anywhere else is still checked, and so is the same node once the mark is cleared.
 */
class GeneratedSchemaTest {
  /** Breaks the meta-schema (no length is negative), yet compiles: only the check refuses it. */
  private static final String BREAKS_META_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"minLength\":-1}}}";

  @AfterEach
  void clear() {
    CompiledSchema.buildingGenerated(null);
  }

  @Test
  void theMarkedNodeSkipsTheMetaSchemaCheck() {
    JsonNode generated = Json.parse(BREAKS_META_SCHEMA);
    CompiledSchema.buildingGenerated(generated);

    assertThat(CompiledSchema.compile("get_weather", generated).validate(Json.parse("{}")))
        .isEmpty();
  }

  @Test
  void anEqualSchemaFromElsewhereIsStillChecked() {
    CompiledSchema.buildingGenerated(Json.parse(BREAKS_META_SCHEMA));

    assertThatThrownBy(() -> CompiledSchema.compile("get_weather", Json.parse(BREAKS_META_SCHEMA)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tool \"get_weather\" has an invalid input schema: ")
        .hasMessageContaining("$.properties.city.minLength");
  }

  @Test
  void aClearedMarkChecksTheNodeAgain() {
    JsonNode generated = Json.parse(BREAKS_META_SCHEMA);
    CompiledSchema.buildingGenerated(generated);
    CompiledSchema.buildingGenerated(null);

    assertThatThrownBy(() -> CompiledSchema.compile("get_weather", generated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.properties.city.minLength");
  }

  @Test
  void aGeneratedSchemaMustStillDescribeAnObject() {
    JsonNode generated = Json.parse("{\"type\":\"string\"}");
    CompiledSchema.buildingGenerated(generated);

    assertThatThrownBy(() -> CompiledSchema.compile("get_weather", generated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the API takes only object schemas");
  }
}
