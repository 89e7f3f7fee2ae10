package dev.toolstream.mcp;

import static dev.toolstream.mcp.TestServers.agent;
import static dev.toolstream.mcp.TestServers.testServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.mcp.internal.McpContent;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Several servers in one agent: names that collide, and a tool list that changes between runs. */
final class ToolListTest {
  private static final ToolSpec LOCAL_DOUBLE =
      ToolSpec.builder("double")
          .description("A local tool.")
          .inputSchema(McpContent.JSON.readTree("{\"type\": \"object\"}"))
          .handler((input, context) -> ToolOutput.text("local"))
          .build();

  @Test
  void collidingNamesAcrossServersAreRefusedNamingBoth() {
    try (McpConnection a = testServer("a").connect();
        McpConnection b = testServer("b").connect()) {
      assertThatThrownBy(() -> McpClientTools.builder().connection(a).connection(b).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(
              "the tool \"hang\" of MCP server \"b\" has the name of a tool of MCP server \"a\"")
          .hasMessageContaining("onNameCollision(NameCollision.PREFIX_WITH_SERVER_NAME)");
    }
  }

  @Test
  void collidingNamesArePrefixedWithTheServerNameWhenConfigured() throws Exception {
    try (McpConnection a = testServer("a").connect();
        McpConnection b = testServer("b").connect()) {
      McpClientTools tools =
          McpClientTools.builder()
              .connection(a)
              .connection(b)
              .besideLocalTools(List.of(LOCAL_DOUBLE))
              .onNameCollision(NameCollision.PREFIX_WITH_SERVER_NAME)
              .build();

      List<String> names = tools.tools().stream().map(ToolSpec::name).toList();

      assertThat(names).contains("hang", "a_double", "b_hang", "b_double").doesNotContain("double");
      ToolSpec bDouble =
          tools.tools().stream().filter(t -> t.name().equals("b_double")).findFirst().orElseThrow();
      ToolOutput output =
          bDouble.handler().call(McpContent.JSON.readTree("{\"n\": 4}"), new FixedContext());
      assertThat(output.content().toString()).contains("8");
    }
  }

  @Test
  void aToolIsIdempotentWhenTheServerHintsItIsIdempotentOrReadOnly() {
    try (McpConnection a = testServer("a").connect()) {
      Map<String, Boolean> idempotent = new HashMap<>();
      for (ToolSpec tool : McpClientTools.builder().connection(a).build().tools()) {
        idempotent.put(tool.name(), tool.idempotent());
      }

      assertThat(idempotent)
          .containsEntry("double", true)
          .containsEntry("garbage", true)
          .containsEntry("grow", false)
          .containsEntry("hang", false);
    }
  }

  @Test
  void aLocalToolAndAServerToolOfOneNameAreRefusedByTheAgent() {
    try (McpConnection a = testServer("a").connect();
        ScriptedClaude claude = ScriptedClaude.start(Turn.text("."))) {
      McpClientTools tools = McpClientTools.builder().connection(a).build();

      assertThatThrownBy(() -> agent(claude).tool(LOCAL_DOUBLE).toolSource(tools).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("offers a tool named \"double\", like a tool added with tool(...)");
    }
  }

  @Test
  void aToolListChangeReachesTheNextTurn() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server = testServer("srv").listener(events).connect();
        ScriptedClaude claude =
            ScriptedClaude.start(
                Turn.builder().toolUse("toolu_1", "grow", "{}").stopReason("tool_use").build(),
                Turn.text("Grown."),
                Turn.builder().toolUse("toolu_2", "late", "{}").stopReason("tool_use").build(),
                Turn.text("Late."))) {
      Agent agent =
          agent(claude).toolSource(McpClientTools.builder().connection(server).build()).build();

      agent.run("Grow.");
      assertThat(events.await("changed srv")).isTrue();
      agent.run("Use the new tool.");

      assertThat(toolNames(claude.takeRequest(Duration.ofSeconds(5)).body()))
          .doesNotContain("late");
      claude.takeRequest(Duration.ofSeconds(5));
      assertThat(toolNames(claude.takeRequest(Duration.ofSeconds(5)).body())).contains("late");
      JsonNode result =
          claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content/0");
      assertThat(result.toString()).contains("late answer");
    }
  }

  @Test
  void aToolThatComesLaterWithATakenNameIsTheOneRenamedWhateverTheServersOrder() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection a = testServer("a").listener(events).connect();
        McpConnection b = testServer("b").listener(events).connect()) {
      McpClientTools tools =
          McpClientTools.builder()
              .connection(a)
              .connection(b)
              .onNameCollision(NameCollision.PREFIX_WITH_SERVER_NAME)
              .build();
      grow(b, "grow");
      assertThat(events.await("changed b")).isTrue();
      ToolSpec bLate = named(b.tools(), "late");
      assertThat(tools.tools()).contains(bLate); // The model now calls b's "late" by that name.

      grow(a, "grow"); // a, added first, now has a "late" too: the newcomer.
      assertThat(events.await("changed a")).isTrue();

      List<ToolSpec> offered = tools.tools();
      assertThat(named(offered, "late")).isSameAs(bLate);
      assertThat(named(offered, "a_late").handler()).isSameAs(named(a.tools(), "late").handler());
    }
  }

  @Test
  void underRefuseALaterToolWithATakenNameIsLeftOutAndTheToolThatHadItStays() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection a = testServer("a").listener(events).connect();
        // b's tools are named b_hang, b_grow and so on, but for the "late" it grows.
        McpConnection b =
            testServer("b").environment("TOOL_PREFIX", "b_").listener(events).connect()) {
      McpClientTools tools = McpClientTools.builder().connection(a).connection(b).build();
      grow(b, "b_grow");
      assertThat(events.await("changed b")).isTrue();
      ToolSpec bLate = named(b.tools(), "late");
      assertThat(tools.tools()).contains(bLate);

      grow(a, "grow"); // a, added first, now has a "late" too: the newcomer.
      assertThat(events.await("changed a")).isTrue();

      List<ToolSpec> offered = tools.tools();
      assertThat(named(offered, "late")).isSameAs(bLate);
      assertThat(offered).doesNotContain(named(a.tools(), "late"));
    }
  }

  @Test
  void aServerThatPagesItsToolListWithoutEndIsRefusedAtConnect() {
    assertThatThrownBy(() -> testServer("srv").environment("ENDLESS_PAGES", "yes").connect())
        .isInstanceOf(McpConnectionException.class)
        .hasMessageContaining("could not connect to MCP server \"srv\"")
        .hasMessageContaining("tools/list")
        .hasMessageContaining("\"again\"");
  }

  @Test
  void aServerThatPagesItsToolListWithoutEndAfterAChangeIsReportedFailed() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server = testServer("srv").listener(events).connect()) {
      grow(server, "endless"); // Pages without end from now on, and says its tools changed.

      assertThat(events.next("failed srv"))
          .as("the refresh the change asks for stops and fails the server, naming the cursor")
          .contains("tools/list")
          .contains("\"again\"");
    }
  }

  /** Calls the server's tool that adds the tool "late" and says its list changed. */
  private static void grow(McpConnection server, String tool) throws Exception {
    named(server.tools(), tool).handler().call(McpContent.JSON.readTree("{}"), new FixedContext());
  }

  private static ToolSpec named(List<ToolSpec> tools, String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> toolNames(JsonNode request) {
    return request.get("tools").valueStream().map(tool -> tool.get("name").asString()).toList();
  }
}
