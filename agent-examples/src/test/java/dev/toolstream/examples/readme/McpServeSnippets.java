package dev.toolstream.examples.readme;

// region mcp-serve-imports
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.mcp.McpServing;
import dev.toolstream.mcp.McpToolServer;
import dev.toolstream.tools.AnnotatedTools;
import java.time.Duration;
import java.util.List;
// endregion

/** The README's MCP serving snippets, compiled by the build. */
final class McpServeSnippets {
  static final class WeatherTools {
    @dev.toolstream.tools.Tool(
        name = "get_weather",
        description = "Returns the current weather in a city.")
    String getWeather(
        @dev.toolstream.tools.ToolParam(description = "City name, such as Lisbon") String city) {
      return "21.5 °C in " + city;
    }
  }

  McpToolServer server() {
    // region mcp-serve-build
    List<ToolSpec> tools = AnnotatedTools.from(new WeatherTools());
    McpToolServer server =
        McpToolServer.builder()
            .name("weather")
            .version("1.0.0")
            .tools(tools)
            .toolTimeout(Duration.ofSeconds(30)) // for tools without a timeout of their own
            .build();
    // endregion
    return server;
  }

  void stdio(McpToolServer server) {
    // region mcp-serve-stdio
    try (McpServing serving = server.serveStdio()) { // stdout now carries MCP: log to stderr
      serving.awaitClose(); // until the client closes stdin
    }
    // endregion
  }

  void http(McpToolServer server) {
    // region mcp-serve-http
    try (McpServing serving = server.serveHttp(8931)) { // 0 picks a free port
      System.err.println("MCP at " + serving.url()); // http://127.0.0.1:8931/mcp
      serving.awaitClose(); // until serving.close(), from another thread
    }
    // endregion
  }
}
