package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar carries configuration metadata for every {@code toolstream.*} property, so that IDEs
 * complete and document them: a description each, and the defaults.
 */
class ConfigurationMetadataTest {

  private static Map<String, JsonNode> properties() throws Exception {
    try (InputStream in =
        ConfigurationMetadataTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the generated metadata").isNotNull();
      Map<String, JsonNode> byName = new HashMap<>();
      for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
        byName.put(property.path("name").asString(), property);
      }
      return byName;
    }
  }

  @Test
  void everyPropertyIsDescribed() throws Exception {
    Map<String, JsonNode> properties = properties();

    assertThat(properties)
        .containsKeys(
            "toolstream.api-key",
            "toolstream.auth-token",
            "toolstream.base-url",
            "toolstream.max-retries",
            "toolstream.connect-timeout",
            "toolstream.idle-timeout",
            "toolstream.deadline",
            "toolstream.betas",
            "toolstream.agent.model",
            "toolstream.agent.system",
            "toolstream.agent.max-tokens",
            "toolstream.agent.max-turns",
            "toolstream.agent.tool-timeout",
            "toolstream.agent.tool-beans",
            "toolstream.agent.tool-executor",
            "toolstream.agent.prompt-caching",
            "toolstream.agents",
            "toolstream.sse.heartbeat",
            "toolstream.sse.timeout",
            "toolstream.telemetry.capture-content");
    properties.forEach(
        (name, property) ->
            assertThat(property.path("description").asString("")).as(name).isNotBlank());
    assertThat(properties.get("toolstream.api-key").path("description").asString())
        .contains("ANTHROPIC_API_KEY");
  }

  @Test
  void theDefaultsAreThoseTheStarterApplies() throws Exception {
    Map<String, JsonNode> properties = properties();

    assertThat(properties.get("toolstream.agent.model").path("defaultValue").asString())
        .isEqualTo("claude-sonnet-4-6");
    assertThat(properties.get("toolstream.agent.max-tokens").path("defaultValue").asInt())
        .isEqualTo(4096);
    assertThat(properties.get("toolstream.agent.max-turns").path("defaultValue").asInt())
        .isEqualTo(20);
    assertThat(properties.get("toolstream.max-retries").path("defaultValue").asInt()).isEqualTo(2);
    assertThat(properties.get("toolstream.connect-timeout").path("defaultValue").asString())
        .isEqualTo("10s");
    assertThat(properties.get("toolstream.sse.heartbeat").path("defaultValue").asString())
        .isEqualTo("15s");
  }
}
