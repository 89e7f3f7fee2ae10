package dev.toolstream.mcp.internal;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.messages.MessageParam;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.ContextView;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * One {@link ToolSpec} as the SDK's server runs it: the input is checked against the tool's
 * compiled schema before the handler runs, the handler runs on {@code handlers} with a time limit
 * that starts when the handler does (on its thread, so that a timeout cannot stop a call whose
 * handler never ran), a failure becomes an {@code isError} result, and a {@code
 * notifications/cancelled} for the call interrupts the handler and sends no response, as the
 * protocol asks.
 */
public final class ServedTool {
  /**
   * Where a call's JSON-RPC request id is found: in the Reactor context over stdio ({@link
   * CancellingSessions}), in the transport context over HTTP ({@link RequestIdServlet}).
   */
  static final String REQUEST_ID = "toolstream.mcp.requestId";

  private static final Logger log = LoggerFactory.getLogger(ServedTool.class);

  private final ToolSpec spec;
  private final Duration timeout;
  private final ExecutorService handlers;
  private final Scheduler timer;
  private final InFlightCalls calls;

  private ServedTool(
      ToolSpec spec,
      Duration timeout,
      ExecutorService handlers,
      Scheduler timer,
      InFlightCalls calls) {
    this.spec = spec;
    this.timeout = timeout;
    this.handlers = handlers;
    this.timer = timer;
    this.calls = calls;
  }

  /**
   * Makes the SDK's specification of a tool.
   *
   * @param spec the tool
   * @param defaultTimeout the limit for a tool without its own {@link ToolSpec#timeout()}
   * @param handlers where handlers run; the server shuts it down when it closes
   * @param timer where time limits run out
   * @param calls the server's calls in flight, for cancellation
   * @return the tool's name, description and input schema, and a call handler that validates, times
   *     and cancels
   */
  public static McpServerFeatures.AsyncToolSpecification of(
      ToolSpec spec,
      Duration defaultTimeout,
      ExecutorService handlers,
      Scheduler timer,
      InFlightCalls calls) {
    Duration timeout = spec.timeout() != null ? spec.timeout() : defaultTimeout;
    ServedTool tool = new ServedTool(spec, timeout, handlers, timer, calls);
    McpSchema.Tool definition =
        McpSchema.Tool.builder()
            .name(spec.name())
            .description(spec.definition().description())
            .inputSchema(
                Json.MAPPER.convertValue(
                    spec.definition().inputSchema(), new TypeReference<Map<String, Object>>() {}))
            .build();
    return new McpServerFeatures.AsyncToolSpecification(
        definition,
        (exchange, request) ->
            Mono.deferContextual(
                context -> tool.call(request, exchange.sessionId(), requestId(context, exchange))));
  }

  /** Returns the call's JSON-RPC id, a {@link String} or a {@link Number}, as the client sent it. */
  private static @Nullable Object requestId(ContextView context, McpAsyncServerExchange exchange) {
    Object id = context.getOrDefault(REQUEST_ID, null);
    return id != null ? id : exchange.transportContext().get(REQUEST_ID);
  }

  private Mono<McpSchema.CallToolResult> call(
      McpSchema.CallToolRequest request, String sessionId, @Nullable Object requestId) {
    JsonNode input =
        Json.MAPPER.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
    List<String> violations = spec.validate(input);
    if (!violations.isEmpty()) {
      return Mono.just(
          ServedResults.error(ToolErrorMessages.schemaViolations(spec.name(), violations)));
    }
    return Mono.create(sink -> run(input, sessionId, requestId, sink));
  }

  private void run(
      JsonNode input,
      String sessionId,
      @Nullable Object requestId,
      MonoSink<McpSchema.CallToolResult> sink) {
    Call call = new Call(spec.name(), requestId == null ? "" : requestId.toString());
    if (requestId != null) {
      calls.start(
          sessionId,
          requestId,
          () -> {
            if (call.stop()) {
              sink.success(); // A cancelled request gets no response.
            }
          });
    }
    sink.onCancel(call::stop);
    sink.onDispose(
        () -> {
          call.disarm();
          if (requestId != null) {
            calls.end(sessionId, requestId);
          }
        });
    call.attach(
        handlers.submit(
            () -> {
              arm(call, sink);
              McpSchema.CallToolResult result;
              try {
                ToolOutput output = spec.handler().call(input, call);
                result =
                    output == null
                        ? ServedResults.error(ToolErrorMessages.noResult(spec.name()))
                        : ServedResults.of(output);
              } catch (Exception e) {
                result = ServedResults.error(ToolErrorMessages.handlerFailed(spec.name(), e));
              } catch (Error e) {
                if (call.end()) {
                  sink.error(e);
                }
                throw e;
              }
              if (call.end()) {
                sink.success(result);
              }
            }));
  }

  /**
   * Starts the call's time limit, on the handler's thread once it runs: a limit that ran out while
   * the call waited for a thread would stop a handler that never started.
   */
  private void arm(Call call, MonoSink<McpSchema.CallToolResult> sink) {
    call.arm(timer.schedule(() -> timeOut(call, sink), timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  private void timeOut(Call call, MonoSink<McpSchema.CallToolResult> sink) {
    if (call.stop()) {
      String message = ToolErrorMessages.timedOut(spec.name(), timeout);
      log.warn("{}", message);
      sink.success(ServedResults.error(message));
    }
  }

  /** A call in progress: its context for the handler, and who ended it first. */
  private static final class Call implements ToolContext {
    private final String toolName;
    private final String requestId;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile @Nullable Future<?> running;
    private volatile @Nullable Disposable timer;
    private volatile boolean disarmed;

    Call(String toolName, String requestId) {
      this.toolName = toolName;
      this.requestId = requestId;
    }

    /** Ends the call with its handler's result; false if a timeout or a cancel came first. */
    boolean end() {
      return ended.compareAndSet(false, true);
    }

    /** Ends the call before its handler did, and interrupts the handler; false if it had ended. */
    boolean stop() {
      if (!end()) {
        return false;
      }
      cancelled = true;
      Future<?> future = running;
      if (future != null) {
        future.cancel(true);
      }
      return true;
    }

    /** Keeps the call's timer, to dispose of it when the call ends. */
    void arm(Disposable armed) {
      timer = armed;
      if (disarmed) {
        armed.dispose();
      }
    }

    /** Disposes of the call's timer, if armed, and of any armed later. */
    void disarm() {
      disarmed = true;
      Disposable armed = timer;
      if (armed != null) {
        armed.dispose();
      }
    }

    void attach(Future<?> future) {
      running = future;
      if (cancelled) {
        future.cancel(true);
      }
    }

    @Override
    public String toolUseId() {
      return requestId;
    }

    @Override
    public String toolName() {
      return toolName;
    }

    @Override
    public List<MessageParam> history() {
      return List.of(); // An MCP client sends the call, not the conversation it came from.
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
