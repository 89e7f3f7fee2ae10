package dev.toolstream.examples.readme;

// region structured-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.OutputDelta;
import dev.toolstream.agent.OutputType;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.OutputConfig;
import dev.toolstream.tools.AnnotatedTools;
import dev.toolstream.tools.OutputSchemas;
import dev.toolstream.tools.Tool;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.JsonNode;
// endregion

/** The README's structured-output and strict-tool snippets, compiled and run by the build. */
final class StructuredOutputSnippets {
  // region structured-types
  record Day(LocalDate date, String sky, double high) {}

  record Forecast(String city, List<Day> days) {}
  // endregion

  static Forecast agentAnswer(MessagesClient client) {
    // region structured-agent
    OutputType<Forecast> forecast = OutputSchemas.of(Forecast.class);
    Agent agent =
        Agent.builder()
            .client(client)
            .model("claude-sonnet-4-6")
            .output(forecast)
            .effort(OutputConfig.Effort.MEDIUM)
            .listener(
                new AgentListener() {
                  @Override
                  public void onOutputDelta(OutputDelta delta) {
                    System.out.println(delta.partialOutput()); // {"city":"Lis"}, …
                  }
                })
            .build();
    Forecast answer = agent.run("Plan three days in Lisbon").output(forecast);
    // endregion
    return answer;
  }

  static Forecast clientAnswer(MessagesClient client) {
    OutputType<Forecast> forecast = OutputSchemas.of(Forecast.class);
    // region structured-client
    MessageRequest request =
        MessageRequest.builder()
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .outputSchema(forecast.schema())
            .effort(OutputConfig.Effort.LOW)
            .addUserMessage("Plan three days in Lisbon")
            .build();
    Forecast answer = forecast.read(client.stream(request).finalMessage());
    // endregion
    return answer;
  }

  // region strict-tools
  final class FileTools {
    @Tool(description = "Writes a text file.", strict = true, eagerInputStreaming = true)
    String write_file(String path, List<String> lines) {
      return "wrote " + lines.size() + " lines to " + path;
    }
  }
  // endregion

  List<ToolSpec> strictTools(JsonNode schema) {
    // region strict-spec
    List<ToolSpec> files = AnnotatedTools.from(new FileTools());
    ToolSpec search =
        ToolSpec.builder("search")
            .description("Searches the docs.")
            .inputSchema(schema) // additionalProperties false, no bounds strict mode lacks
            .strict(true)
            .handler((input, context) -> ToolOutput.text("No results."))
            .build();
    // endregion
    return List.of(files.get(0), search);
  }
}
