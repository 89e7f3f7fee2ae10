package dev.toolstream.mcp;

import dev.toolstream.mcp.internal.McpContent;
import tools.jackson.databind.JsonNode;

/** Small values the tests share. */
final class McpConnectionFixtures {
  private McpConnectionFixtures() {}

  static JsonNode empty() {
    return McpContent.JSON.readTree("{}");
  }
}
