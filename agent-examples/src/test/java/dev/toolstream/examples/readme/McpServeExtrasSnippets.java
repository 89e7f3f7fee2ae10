package dev.toolstream.examples.readme;

// region mcp-extras-imports
import dev.toolstream.mcp.McpPrompt;
import dev.toolstream.mcp.McpResource;
import dev.toolstream.mcp.McpToolServer;
import dev.toolstream.messages.MessageParam;
import java.util.List;
// endregion

/** The README's snippet of resources and prompts served besides tools, compiled by the build. */
final class McpServeExtrasSnippets {
  McpToolServer server(List<dev.toolstream.agent.ToolSpec> tools) {
    // region mcp-extras
    McpToolServer server =
        McpToolServer.builder()
            .name("weather")
            .tools(tools)
            .resource(
                McpResource.text("weather://cities", "cities", "text/plain", () -> "Tokyo\nParis"))
            .prompt(
                McpPrompt.builder("weather_report")
                    .description("Asks for a weather report on a city.")
                    .argument("city", "The city to report on.", true)
                    .messages(
                        arguments ->
                            List.of(
                                MessageParam.user(
                                    "What's the weather in " + arguments.get("city") + "?")))
                    .build())
            .build();
    // endregion
    return server;
  }
}
