package dev.toolstream.mcp;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.mcp.internal.CancellingSessions;
import dev.toolstream.mcp.internal.HttpEndpoint;
import dev.toolstream.mcp.internal.InFlightCalls;
import dev.toolstream.mcp.internal.ServedTool;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An {@link McpToolServer} being served, over stdio or Streamable HTTP, until it is closed.
 *
 * <p>Thread-safe. {@link #close()} stops the transport, interrupts the handlers still running and
 * frees the threads; it may be called more than once, from any thread.
 */
public final class McpServing implements AutoCloseable {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ExecutorService handlers;
  private final InFlightCalls calls = new InFlightCalls();
  private @Nullable McpAsyncServer server;
  private @Nullable HttpEndpoint endpoint;

  private McpServing(String threadPrefix) {
    AtomicInteger count = new AtomicInteger();
    this.handlers =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, threadPrefix + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  static McpServing stdio(McpToolServer config, InputStream in, OutputStream out) {
    McpServing serving = new McpServing("toolstream-mcp-stdio-tool-");
    McpJsonMapper json = McpJsonDefaults.getMapper();
    serving.server =
        serving.build(
            config,
            tools ->
                McpServer.async(
                        CancellingSessions.wrap(
                            new StdioServerTransportProvider(json, in, out),
                            serving.calls,
                            serving::close))
                    .tools(tools)
                    .resources(resources(config))
                    .prompts(prompts(config))
                    .jsonMapper(json)
                    .serverInfo(config.name(), config.version())
                    .capabilities(capabilities(config))
                    .validateToolInputs(false) // Ours run instead, with the agent's messages.
                    .build());
    return serving;
  }

  static McpServing http(McpToolServer config, int port) {
    McpServing serving = new McpServing("toolstream-mcp-http-tool-");
    McpJsonMapper json = McpJsonDefaults.getMapper();
    HttpEndpoint.Options options = config.httpOptions(port);
    HttpServletStreamableServerTransportProvider servlet = HttpEndpoint.servlet(json, options);
    serving.server =
        serving.build(
            config,
            tools ->
                McpServer.async(CancellingSessions.wrap(servlet, serving.calls))
                    .tools(tools)
                    .resources(resources(config))
                    .prompts(prompts(config))
                    .jsonMapper(json)
                    .serverInfo(config.name(), config.version())
                    .capabilities(capabilities(config))
                    .validateToolInputs(false)
                    .build());
    try {
      serving.endpoint = HttpEndpoint.start(servlet, options);
    } catch (RuntimeException e) {
      serving.close();
      throw e;
    }
    return serving;
  }

  private McpAsyncServer build(
      McpToolServer config,
      Function<List<McpServerFeatures.AsyncToolSpecification>, McpAsyncServer> server) {
    List<McpServerFeatures.AsyncToolSpecification> tools = new ArrayList<>();
    for (ToolSpec tool : config.tools()) {
      tools.add(ServedTool.of(tool, config.toolTimeout(), handlers, config.timer(), calls));
    }
    return server.apply(tools);
  }

  private static McpSchema.ServerCapabilities capabilities(McpToolServer config) {
    McpSchema.ServerCapabilities.Builder capabilities =
        McpSchema.ServerCapabilities.builder().tools(false);
    if (!config.resources().isEmpty()) {
      capabilities.resources(false, false);
    }
    if (!config.prompts().isEmpty()) {
      capabilities.prompts(false);
    }
    return capabilities.build();
  }

  private static List<McpServerFeatures.AsyncResourceSpecification> resources(
      McpToolServer config) {
    List<McpServerFeatures.AsyncResourceSpecification> resources = new ArrayList<>();
    config.resources().forEach(resource -> resources.add(ServedFeatures.resource(resource)));
    return resources;
  }

  private static List<McpServerFeatures.AsyncPromptSpecification> prompts(McpToolServer config) {
    List<McpServerFeatures.AsyncPromptSpecification> prompts = new ArrayList<>();
    config.prompts().forEach(prompt -> prompts.add(ServedFeatures.prompt(prompt)));
    return prompts;
  }

  /**
   * Tells where HTTP clients connect.
   *
   * @return {@code http://127.0.0.1:PORT/mcp} or the like for {@link McpToolServer#serveHttp(int)},
   *     with the port chosen when it was 0; null when serving over stdio
   */
  public @Nullable URI url() {
    HttpEndpoint http = endpoint;
    return http == null ? null : http.url();
  }

  /**
   * Waits until the server is closed: by {@link #close()}, or over stdio when the client closes
   * stdin. Interrupting the waiting thread ends the wait early and leaves its interrupt status set;
   * the server goes on.
   *
   * @return true once the server has closed, false if the wait was interrupted first
   */
  public boolean awaitClose() {
    try {
      closed.await();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Tells whether the server has closed.
   *
   * @return true once {@link #close()} ran or, over stdio, the client closed stdin
   */
  public boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Stops serving: closes the transport and interrupts the tool handlers still running. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      HttpEndpoint http = endpoint;
      if (http != null) {
        http.close();
      }
      McpAsyncServer mcp = server;
      if (mcp != null) {
        mcp.closeGracefully().timeout(CLOSE_WAIT).onErrorComplete().block();
      }
    } finally {
      handlers.shutdownNow();
      closed.countDown();
    }
  }
}
