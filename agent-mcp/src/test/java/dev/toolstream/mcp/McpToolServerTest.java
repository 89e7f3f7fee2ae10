package dev.toolstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.tools.AnnotatedTools;
import dev.toolstream.tools.Tool;
import dev.toolstream.tools.ToolParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Our MCP server, over stdio framing and over Streamable HTTP, called by the official TypeScript
 * SDK's client.
 */
class McpToolServerTest {
  enum Transport {
    STDIO,
    HTTP
  }

  private final TestTools tools = new TestTools();
  private final Blocking slow = new Blocking();

  /** Where time limits run out: the clock's, unless a test of one sets this. */
  private @Nullable TimeoutsFireAtOnce timer;

  private McpServing serving;
  private NodeMcpClient client;

  private McpToolServer server() {
    List<ToolSpec> specs = new ArrayList<>(AnnotatedTools.from(tools));
    specs.add(
        ToolSpec.builder("slow")
            .description("Waits until it is stopped, with a short time limit of its own.")
            .inputSchema(Json.parse("{\"type\":\"object\",\"properties\":{}}"))
            .timeout(Duration.ofMillis(100))
            .handler((input, context) -> slow.block(context))
            .build());
    specs.add(
        ToolSpec.builder("chart")
            .description("Draws a chart and captions it.")
            .inputSchema(Json.parse("{\"type\":\"object\",\"properties\":{}}"))
            .handler(
                (input, context) ->
                    ToolOutput.blocks(
                        List.of(
                            ContentBlock.Image.base64("image/png", "iVBORw0KGgo="),
                            ContentBlock.text("Rain, mostly."))))
            .build());
    McpToolServer.Builder server = McpToolServer.builder();
    if (timer != null) {
      server.timer(timer);
    }
    return server
        .name("test-tools")
        .version("2.3.4")
        .tools(specs)
        .resource(
            McpResource.text("weather://cities", "cities", "text/plain", () -> "Tokyo\nParis"))
        .prompt(
            McpPrompt.builder("weather_report")
                .description("Asks for a weather report.")
                .argument("city", "The city to report on.", true)
                .messages(
                    arguments ->
                        List.of(
                            MessageParam.user(
                                "What's the weather in " + arguments.get("city") + "?"),
                            MessageParam.assistant("I'll look it up.")))
                .build())
        .build();
  }

  private NodeMcpClient connect(Transport transport) throws IOException {
    if (transport == Transport.HTTP) {
      serving = server().serveHttp(0);
      client = NodeMcpClient.http(serving.url());
      return client;
    }
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      McpToolServer server = server();
      CompletableFuture<McpServing> served =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  Socket socket = listener.accept();
                  return server.serveStdio(socket.getInputStream(), socket.getOutputStream());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      client = NodeMcpClient.socket(listener.getLocalPort());
      serving = served.join();
      return client;
    }
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (serving != null) {
      serving.close();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void initializationTellsTheClientTheServersNameAndVersion(Transport transport) throws Exception {
    JsonNode server = connect(transport).connected().get("server");

    assertThat(server.get("name").asString()).isEqualTo("test-tools");
    assertThat(server.get("version").asString()).isEqualTo("2.3.4");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void toolsAreListedWithTheirSchemasAsDeclared(Transport transport) throws Exception {
    JsonNode listed = connect(transport).listTools();

    List<String> names = new ArrayList<>();
    listed.forEach(tool -> names.add(tool.get("name").asString()));
    assertThat(names).containsExactly("echo", "fail", "hang", "slow", "chart");
    for (ToolSpec spec : server().tools()) {
      JsonNode tool = listed.get(names.indexOf(spec.name()));
      assertThat(tool.get("description").asString()).isEqualTo(spec.definition().description());
      assertThat(tool.get("inputSchema")).isEqualTo(spec.definition().inputSchema());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallRunsTheHandlerAndReturnsItsText(Transport transport) throws Exception {
    JsonNode answer = connect(transport).call("echo", Json.parse("{\"text\":\"hi \",\"times\":3}"));

    JsonNode result = answer.get("result");
    assertThat(result.path("isError").asBoolean(false)).isFalse();
    assertThat(result.get("content").get(0).get("type").asString()).isEqualTo("text");
    assertThat(result.get("content").get(0).get("text").asString()).isEqualTo("hi hi hi ");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void imagesGoBackAsImageContent(Transport transport) throws Exception {
    JsonNode content = connect(transport).call("chart", Json.object()).get("result").get("content");

    assertThat(content.get(0).get("type").asString()).isEqualTo("image");
    assertThat(content.get(0).get("mimeType").asString()).isEqualTo("image/png");
    assertThat(content.get(0).get("data").asString()).isEqualTo("iVBORw0KGgo=");
    assertThat(content.get(1).get("text").asString()).isEqualTo("Rain, mostly.");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void inputThatBreaksTheSchemaIsRefusedWithoutCallingTheHandler(Transport transport)
      throws Exception {
    JsonNode answer = connect(transport).call("echo", Json.parse("{\"times\":\"many\"}"));

    JsonNode result = answer.get("result");
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.get("content").get(0).get("text").asString())
        .startsWith(
            "The input for tool echo does not match its input schema, so the tool did not run:")
        .contains("text")
        .contains("$.times")
        .endsWith("Fix the input and call the tool again.");
    assertThat(tools.echoCalls).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aHandlerThatThrowsGivesAnErrorResultAndTheServerGoesOn(Transport transport)
      throws Exception {
    NodeMcpClient mcp = connect(transport);

    JsonNode failed = mcp.call("fail", Json.parse("{\"city\":\"Atlantis\"}")).get("result");

    assertThat(failed.get("isError").asBoolean()).isTrue();
    assertThat(failed.get("content").get(0).get("text").asString())
        .isEqualTo("Tool fail failed: no city named Atlantis");
    assertThat(isError(mcp.call("echo", Json.parse("{\"text\":\"still here\"}")))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallPastItsTimeLimitIsStoppedAndAnswersWithAnError(Transport transport) throws Exception {
    timer = new TimeoutsFireAtOnce();
    JsonNode answer = connect(transport).call("slow", Json.object());

    JsonNode result = answer.get("result");
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.get("content").get(0).get("text").asString())
        .isEqualTo("Tool slow timed out after 100 ms and was stopped.");
    assertThat(timer.delays()).containsExactly(Duration.ofMillis(100));
    assertThat(slow.started.getCount()).as("the handler ran before its time ran out").isZero();
    assertThat(slow.interrupted.await(30, TimeUnit.SECONDS))
        .as("the handler's thread is interrupted")
        .isTrue();
    assertThat(slow.sawCancelled).as("ToolContext.isCancelled() in the handler").isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCancelFromTheClientInterruptsTheHandler(Transport transport) throws Exception {
    NodeMcpClient mcp = connect(transport);
    mcp.startCall("long", "hang", Json.object());
    assertThat(tools.hang.started.await(30, TimeUnit.SECONDS)).isTrue();

    mcp.cancel("long");

    assertThat(tools.hang.interrupted.await(30, TimeUnit.SECONDS))
        .as("notifications/cancelled interrupts the handler's thread")
        .isTrue();
    assertThat(tools.hang.sawCancelled).as("ToolContext.isCancelled() in the handler").isTrue();
    assertThat(mcp.awaitCall("long").get("error").get("message").asString())
        .contains("cancelled by the test");
    assertThat(isError(mcp.call("echo", Json.parse("{\"text\":\"next\"}")))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void resourcesAreListedAndRead(Transport transport) throws Exception {
    NodeMcpClient mcp = connect(transport);

    JsonNode listed = mcp.rpc("listResources", Json.object()).get("result").get("resources");
    JsonNode read =
        mcp.rpc("readResource", Json.object().put("uri", "weather://cities")).get("result");

    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("uri").asString()).isEqualTo("weather://cities");
    assertThat(listed.get(0).get("mimeType").asString()).isEqualTo("text/plain");
    assertThat(read.get("contents").get(0).get("text").asString()).isEqualTo("Tokyo\nParis");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void promptsAreFilledInFromOurMessages(Transport transport) throws Exception {
    NodeMcpClient mcp = connect(transport);

    JsonNode listed = mcp.rpc("listPrompts", Json.object()).get("result").get("prompts");
    JsonNode params =
        Json.parse("{\"name\":\"weather_report\",\"arguments\":{\"city\":\"Lisbon\"}}");
    JsonNode messages = mcp.rpc("getPrompt", params).get("result").get("messages");

    assertThat(listed.get(0).get("arguments").get(0).get("name").asString()).isEqualTo("city");
    assertThat(listed.get(0).get("arguments").get(0).get("required").asBoolean()).isTrue();
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).get("role").asString()).isEqualTo("user");
    assertThat(messages.get(0).get("content").get("text").asString())
        .isEqualTo("What's the weather in Lisbon?");
    assertThat(messages.get(1).get("role").asString()).isEqualTo("assistant");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aPromptWithoutARequiredArgumentIsRefused(Transport transport) throws Exception {
    JsonNode answer =
        connect(transport).rpc("getPrompt", Json.parse("{\"name\":\"weather_report\"}"));

    assertThat(answer.get("error").get("code").asInt()).isEqualTo(-32602);
    assertThat(answer.get("error").get("message").asString())
        .contains("prompt weather_report needs the argument \"city\"");
  }

  @org.junit.jupiter.api.Test
  void aServerNeedsANameAndUniqueToolNames() {
    List<ToolSpec> echo = AnnotatedTools.from(tools).subList(0, 1);

    assertThatThrownBy(() -> McpToolServer.builder().tools(echo).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the MCP server has no name: call name(...), such as name(\"weather\")");
    assertThatThrownBy(() -> McpToolServer.builder().name("x").tools(echo).tools(echo).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two tools are named \"echo\": MCP clients call tools by name, so rename one");
    assertThatThrownBy(() -> McpToolServer.builder().name("x").build())
        .hasMessage("the MCP server \"x\" has no tools: add some with tools(...) or tool(...)");
  }

  private static boolean isError(JsonNode answer) {
    assertThat(answer.has("result")).as("a result, not a protocol error: %s", answer).isTrue();
    return answer.get("result").path("isError").asBoolean(false);
  }

  /** A handler that blocks until its thread is interrupted, and records what it saw. */
  static final class Blocking {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    volatile boolean sawCancelled;

    ToolOutput block(ToolContext context) throws InterruptedException {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        sawCancelled = context.isCancelled();
        interrupted.countDown();
        throw e;
      }
      return ToolOutput.text("never");
    }
  }

  /** Tools as {@code @Tool} methods, served as they are. */
  public static final class TestTools {
    final AtomicInteger echoCalls = new AtomicInteger();
    final Blocking hang = new Blocking();

    /** Repeats a text. */
    @Tool(description = "Repeats a text.")
    public String echo(
        @ToolParam(name = "text", description = "The text to repeat.") String text,
        @ToolParam(
                name = "times",
                description = "How many times.",
                required = false,
                defaultValue = "1")
            int times) {
      echoCalls.incrementAndGet();
      return text.repeat(times);
    }

    /** Fails as a lookup does. */
    @Tool(description = "Looks a city up, and fails.")
    public String fail(@ToolParam(name = "city", description = "The city.") String city) {
      throw new IllegalArgumentException("no city named " + city);
    }

    /** Waits until stopped. */
    @Tool(description = "Waits until it is stopped.")
    public ToolOutput hang(ToolContext context) throws InterruptedException {
      return hang.block(context);
    }
  }
}
