package dev.toolstream.mcp.internal;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Wraps a transport to note the JSON-RPC id of each {@code tools/call} request it sends, so that a
 * call can be cancelled with {@code notifications/cancelled}: the SDK's client neither exposes the
 * ids of its requests nor sends that notification. A request is recognised by the identity of its
 * {@link McpSchema.CallToolRequest}, which the SDK passes on as the request's params.
 *
 * <p>It also keeps {@code notifications/tools/list_changed} from the SDK's client, which would page
 * {@code tools/list} for as long as the server names a next page, and tells the session instead,
 * which lists the tools itself with a bound ({@link ServerSession}).
 */
public final class CancellingTransport implements McpClientTransport {
  private static final String CANCELLED = "notifications/cancelled";
  private static final String TOOLS_CHANGED = "notifications/tools/list_changed";
  /** How long abandoning a call waits for its {@code notifications/cancelled} to be sent. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(2);

  private final McpClientTransport delegate;
  private final Consumer<String> sent;
  private final Runnable toolsChanged;
  // By identity: two calls with the same name and arguments are two requests.
  private final Map<McpSchema.CallToolRequest, Object> ids =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * Wraps {@code delegate}, which this transport closes when it is closed.
   *
   * @param sent told the method of each request and notification once the delegate has sent it
   * @param toolsChanged run, on the transport's thread, when the server says its tools changed
   */
  public CancellingTransport(
      McpClientTransport delegate, Consumer<String> sent, Runnable toolsChanged) {
    this.delegate = delegate;
    this.sent = sent;
    this.toolsChanged = toolsChanged;
  }

  /** Forgets the id of {@code request}'s call, once it is answered or cancelled. */
  public void forget(McpSchema.CallToolRequest request) {
    ids.remove(request);
  }

  /**
   * Tells the server to stop working on {@code request}, if it was sent, and forgets it. Waits for
   * the notification to be sent for two seconds at most: past that it is sent in the background.
   *
   * @param reason a short reason the server may log, such as "timed out"
   * @return whether the request had been sent, and so a notification went out
   */
  public boolean cancel(McpSchema.CallToolRequest request, String reason) {
    Object id = ids.remove(request);
    if (id == null) {
      return false;
    }
    // Off this thread, and waited for only so long: a server that reads nothing (a full stdin
    // pipe) or answers nothing (an HTTP POST without a response) must not keep the call's thread.
    CompletableFuture<Void> sending =
        delegate
            .sendMessage(
                new McpSchema.JSONRPCNotification(
                    CANCELLED, Map.of("requestId", id, "reason", reason)))
            .subscribeOn(Schedulers.boundedElastic())
            .onErrorResume(e -> Mono.empty())
            .toFuture();
    try {
      sending.get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // It goes on in the background; the call is abandoned all the same.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // Not reached: errors are dropped above, since the notification is best effort.
    }
    return true;
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest request
        && request.params() instanceof McpSchema.CallToolRequest call) {
      ids.put(call, request.id());
    }
    Mono<Void> sending = delegate.sendMessage(message);
    if (message instanceof McpSchema.JSONRPCRequest request) {
      return sending.doOnSuccess(done -> sent.accept(request.method()));
    }
    if (message instanceof McpSchema.JSONRPCNotification notification) {
      return sending.doOnSuccess(done -> sent.accept(notification.method()));
    }
    return sending;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return delegate.connect(inbound -> handler.apply(inbound.filter(this::forTheClient)));
  }

  /** Returns false for a tools change, which goes to {@link #toolsChanged} and not the SDK. */
  private boolean forTheClient(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCNotification notification
        && TOOLS_CHANGED.equals(notification.method())) {
      toolsChanged.run();
      return false;
    }
    return true;
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /**
   * Reads a response's result as {@code typeRef} says. A {@code tools/call} result's content of a
   * type the SDK does not know becomes a text saying so, instead of failing the whole result; a
   * result that cannot be read all the same fails as {@link UnreadableResult}, which is that
   * call's problem and not the session's.
   */
  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    if (!McpSchema.CallToolResult.class.equals(typeRef.getType())) {
      return delegate.unmarshalFrom(data, typeRef);
    }
    try {
      return delegate.unmarshalFrom(McpContent.withKnownContent(data), typeRef);
    } catch (RuntimeException e) {
      throw new UnreadableResult(e);
    }
  }

  /** A {@code tools/call} result that the SDK cannot read, such as one whose content is no list. */
  public static final class UnreadableResult extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableResult(RuntimeException cause) {
      super(firstLine(String.valueOf(cause.getMessage())), cause);
    }

    private static String firstLine(String message) {
      String line = message.lines().findFirst().orElse("");
      return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
