package app;

import app.tools.WeatherTools;
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.AnnotatedTools;

/**
 * Runs an agent with one {@code @Tool} method against a scripted Claude on loopback and prints the
 * answer, and the modules its classes came from, so the check can tell the module path from a class
 * path. Exits with 1 unless the answer is the tool's result.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("app module named: " + Main.class.getModule().isNamed());
    System.out.println("app module: " + Main.class.getModule().getName());
    System.out.println("Agent module: " + Agent.class.getModule().getName());
    System.out.println("AnnotatedTools module: " + AnnotatedTools.class.getModule().getName());
    System.out.println("ScriptedClaude module: " + ScriptedClaude.class.getModule().getName());
    String answer;
    try (ScriptedClaude claude =
        ScriptedClaude.start(
            Script.echoToolResults(
                Turn.builder()
                    .text("Let me check.")
                    .toolUse("get_weather", "{\"place\":{\"city\":\"Tokyo\"}}")
                    .stopReason("tool_use")
                    .build()))) {
      MessagesClient client =
          MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("test-key").build();
      AgentResult result =
          Agent.builder()
              .client(client)
              .model("claude-sonnet-4-6")
              .tools(AnnotatedTools.from(new WeatherTools()))
              .build()
              .run("Weather in Tokyo?");
      answer = result.text();
    }
    System.out.println("answer: " + answer);
    if (!"Sunny in Tokyo".equals(answer)) {
      System.exit(1);
    }
  }
}
