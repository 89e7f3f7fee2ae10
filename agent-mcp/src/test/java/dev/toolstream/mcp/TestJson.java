package dev.toolstream.mcp;

import dev.toolstream.mcp.internal.McpContent;
import tools.jackson.databind.JsonNode;

/** Reads the JSON lines a test server recorded. */
final class TestJson {
  private TestJson() {}

  /** Returns the first recorded message whose method is {@code method}. */
  static JsonNode line(String lines, String method) {
    for (String line : lines.split("\n")) {
      JsonNode message = McpContent.JSON.readTree(line);
      if (method.equals(message.path("method").asString(""))) {
        return message;
      }
    }
    throw new AssertionError("no " + method + " in:\n" + lines);
  }
}
