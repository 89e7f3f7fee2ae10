package dev.toolstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official TypeScript MCP SDK's client, driven through {@code mcp-driver.mjs} (checked in under
 * src/test/node, installed with the SDK into target/node by the build, whose path the system
 * property {@code toolstream.mcp.node} gives). Public for agent-examples' tests, which use this
 * module's test jar.
 */
public final class NodeMcpClient implements AutoCloseable {
  /** Only a guard against a hung test: each answer normally comes in milliseconds. */
  private static final long GUARD_SECONDS = 60;

  private final Process node;
  private final Writer commands;
  private final Map<String, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
  private final JsonNode connected;

  private NodeMcpClient(List<String> arguments) {
    Path dir = Path.of(System.getProperty("toolstream.mcp.node", "target/node"));
    Path driver = dir.resolve("mcp-driver.mjs");
    assertThat(driver)
        .as("the build copies the driver and installs the SDK into %s (npm ci)", dir)
        .exists();
    assertThat(Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))).isTrue();
    List<String> command = new ArrayList<>(List.of("node", driver.toString()));
    command.addAll(arguments);
    try {
      node =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node: is it on the PATH?", e);
    }
    commands = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readAnswers, "node-mcp-client-reader");
    reader.setDaemon(true);
    reader.start();
    connected = await("connected");
  }

  public static NodeMcpClient http(URI url) {
    return new NodeMcpClient(List.of("http", url.toString()));
  }

  /** Connects to a stdio-framed server listening on a loopback port. */
  public static NodeMcpClient socket(int port) {
    return new NodeMcpClient(List.of("socket", Integer.toString(port)));
  }

  /**
   * Has the client start {@code command} and talk to it over its stdin and stdout, with the SDK's
   * default environment plus {@code env}.
   */
  public static NodeMcpClient spawn(List<String> command, Map<String, String> env) {
    List<String> arguments =
        new ArrayList<>(List.of("spawn", Json.write(Json.MAPPER.valueToTree(env))));
    arguments.addAll(command);
    return new NodeMcpClient(arguments);
  }

  /** What the client learned at initialization: the server's name and version. */
  public JsonNode connected() {
    return connected;
  }

  /** Lists the tools, as the client parsed them. */
  public JsonNode listTools() {
    send(Json.object().put("op", "list"));
    JsonNode answer = await("list");
    assertThat(answer.has("tools")).as("tools/list answered: %s", answer).isTrue();
    return answer.get("tools");
  }

  /** Calls a tool and waits for the outcome: {@code {"result":…}} or {@code {"error":…}}. */
  public JsonNode call(String name, JsonNode arguments) {
    startCall("call-" + name, name, arguments);
    return awaitCall("call-" + name);
  }

  /** Starts a call without waiting, so that the test can cancel it. */
  public void startCall(String tag, String name, JsonNode arguments) {
    ObjectNode command = Json.object().put("op", "call").put("tag", tag).put("name", name);
    command.set("arguments", arguments);
    send(command);
  }

  /**
   * Calls a method of the SDK's {@code Client} that takes one params object, such as {@code
   * getPrompt}, and waits for {@code {"result":…}} or {@code {"error":…}}.
   */
  public JsonNode rpc(String method, JsonNode params) {
    String tag = "rpc-" + method;
    ObjectNode command = Json.object().put("op", "rpc").put("tag", tag).put("method", method);
    command.set("params", params);
    send(command);
    return awaitCall(tag);
  }

  /** Has the client cancel a call it started, which sends notifications/cancelled. */
  public void cancel(String tag) {
    send(Json.object().put("op", "cancel").put("tag", tag));
  }

  /** Waits for a started call's outcome. */
  public JsonNode awaitCall(String tag) {
    return await("tag:" + tag);
  }

  private void send(JsonNode command) {
    try {
      commands.write(Json.write(command) + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the node client is gone", e);
    }
  }

  private JsonNode await(String key) {
    try {
      return future(key).get(GUARD_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + key, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no answer from the node client for " + key, e);
    } finally {
      answers.remove(key);
    }
  }

  private CompletableFuture<JsonNode> future(String key) {
    return answers.computeIfAbsent(key, k -> new CompletableFuture<>());
  }

  private void readAnswers() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        JsonNode answer = Json.parse(line);
        String key =
            answer.has("tag")
                ? "tag:" + answer.get("tag").asString()
                : answer.has("event")
                    ? answer.get("event").asString()
                    : answer.get("op").asString();
        future(key).complete(answer);
      }
    } catch (IOException | RuntimeException e) {
      answers.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  /** Closes the client's session and waits for node to exit. */
  @Override
  public void close() {
    try {
      if (node.isAlive()) {
        send(Json.object().put("op", "close"));
        await("closed");
      }
      node.waitFor(GUARD_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | AssertionError e) {
      // The test failed already, or node died: destroying it below is all that is left.
    } finally {
      node.destroyForcibly();
    }
  }
}
