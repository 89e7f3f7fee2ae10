package dev.toolstream.mcp.internal;

import dev.toolstream.internal.http.ClientVersion;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One initialized MCP session with a server, over a transport of its own: the SDK's client does the
 * protocol (initialization, version negotiation, ids, paging); this class adds what it leaves out:
 * cancelling a call, failing the calls in flight at once when the server is gone, and listing the
 * tools with a bound: the SDK's own listing follows a server's next-page cursors without end.
 */
public final class ServerSession implements AutoCloseable {
  /** The most pages of {@code tools/list} read in one listing; a server past it is broken. */
  private static final int MAX_PAGES = 1_000;

  private final McpAsyncClient client;
  private final CancellingTransport transport;
  private final McpSchema.InitializeResult initialized;
  private final List<McpSchema.Tool> tools;
  private final Consumer<String> onEnd;
  private final Consumer<List<McpSchema.Tool>> onToolsChanged;
  private final Set<CompletableFuture<McpSchema.CallToolResult>> inFlight =
      ConcurrentHashMap.newKeySet();
  private volatile @Nullable String failure;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServerSession(
      McpAsyncClient client,
      CancellingTransport transport,
      McpSchema.InitializeResult initialized,
      List<McpSchema.Tool> tools,
      Consumer<String> onEnd,
      Consumer<List<McpSchema.Tool>> onToolsChanged) {
    this.client = client;
    this.transport = transport;
    this.initialized = initialized;
    this.tools = List.copyOf(tools);
    this.onEnd = onEnd;
    this.onToolsChanged = onToolsChanged;
  }

  /**
   * Connects, initializes and lists the server's tools.
   *
   * @param transport made with the callback to tell when the server ends on its own
   * @param giveUp completed, with why, to stop connecting at once (the connection was closed)
   * @param onEnd told when the server ends without being closed, or fails to list its tools after
   *     it said they changed
   * @param onToolsChanged told the new list when the server says its tools changed
   * @param sent told the method of each request and notification once sent to the server
   * @throws RuntimeException whatever made connecting fail; the session is closed then
   */
  public static ServerSession open(
      Function<Consumer<String>, McpClientTransport> transport,
      Duration connectTimeout,
      Duration requestTimeout,
      CompletableFuture<String> giveUp,
      Consumer<String> onEnd,
      Consumer<List<McpSchema.Tool>> onToolsChanged,
      Consumer<String> sent) {
    SessionRef ref = new SessionRef();
    // Told once the server ends: a server that exits while it starts fails the connection at once,
    // and not after the connect timeout, which the SDK would wait out for its answer.
    CompletableFuture<String> ended = new CompletableFuture<>();
    CancellingTransport cancelling =
        new CancellingTransport(
            transport.apply(
                problem -> {
                  ended.complete(problem);
                  ServerSession session = ref.session;
                  if (session != null) {
                    session.fail(problem);
                  }
                  onEnd.accept(problem);
                }),
            sent,
            ref::toolsChanged);
    McpAsyncClient client =
        McpClient.async(cancelling)
            .clientInfo(
                new McpSchema.Implementation(
                    "toolstream", "Toolstream", ClientVersion.VERSION, null, null, null))
            .requestTimeout(requestTimeout)
            .initializationTimeout(connectTimeout)
            .build();
    try {
      CompletableFuture<Object> stop = CompletableFuture.anyOf(ended, giveUp);
      McpSchema.InitializeResult initialized =
          untilEnded(client.initialize(), stop).block(connectTimeout);
      List<McpSchema.Tool> listed = untilEnded(listTools(client), stop).block(connectTimeout);
      ServerSession session =
          new ServerSession(
              client,
              cancelling,
              initialized,
              listed == null ? List.of() : listed,
              onEnd,
              onToolsChanged);
      ref.opened(session);
      return session;
    } catch (RuntimeException e) {
      closeQuietly(client, cancelling);
      String problem = ended.getNow(null);
      // The server's end says more than what the SDK made of it, such as a write that failed.
      throw problem == null || e instanceof ServerFailedException
          ? e
          : new IllegalStateException(problem, e);
    }
  }

  /** Fails {@code step} with the server's end or the giving up, if either comes first. */
  private static <T> Mono<T> untilEnded(Mono<T> step, CompletableFuture<Object> stop) {
    return Mono.firstWithSignal(
        step,
        Mono.fromFuture(stop, true)
            .flatMap(problem -> Mono.<T>error(new ServerFailedException((String) problem))));
  }

  /**
   * Lists the server's tools, page by page, as the SDK's {@code listTools()} does, but fails when
   * the server names a page it already gave or gives more than {@value #MAX_PAGES} pages: the SDK's
   * would ask on for as long as the server answers.
   */
  private static Mono<List<McpSchema.Tool>> listTools(McpAsyncClient client) {
    return Mono.defer(
        () -> {
          Set<String> cursors = new HashSet<>();
          return client
              .listTools(McpSchema.FIRST_PAGE)
              .expand(
                  page -> {
                    String next = page.nextCursor();
                    if (next == null) {
                      return Mono.empty();
                    }
                    if (!cursors.add(next)) {
                      return Mono.error(
                          new ServerFailedException(
                              "answered tools/list naming the next page "
                                  + quoted(next)
                                  + " a second time, so its list never ends; fix the server's"
                                  + " paging"));
                    }
                    if (cursors.size() >= MAX_PAGES) {
                      return Mono.error(
                          new ServerFailedException(
                              "answered tools/list with more than "
                                  + MAX_PAGES
                                  + " pages; fix the server's paging"));
                    }
                    return client.listTools(next);
                  })
              .concatMapIterable(page -> page.tools() == null ? List.of() : page.tools())
              .collectList();
        });
  }

  private static String quoted(String cursor) {
    return "\"" + (cursor.length() <= 100 ? cursor : cursor.substring(0, 100) + "…") + "\"";
  }

  /**
   * Lists the tools again after the server said they changed, and tells the new list; a listing
   * that fails fails the session, as a server that ended would.
   */
  private void refreshTools() {
    listTools(client)
        .subscribe(
            onToolsChanged,
            error -> {
              if (closed.get() || failure != null) {
                return; // Failed for that reason, already told.
              }
              String problem =
                  error instanceof ServerFailedException
                      ? error.getMessage()
                      : "failed to list its tools after it said they changed: " + error.getMessage();
              fail(problem);
              onEnd.accept(problem);
            });
  }

  /** Returns the server's tools as listed when the session opened. */
  public List<McpSchema.Tool> tools() {
    return tools;
  }

  /** Returns the protocol version the server and the SDK agreed on. */
  public String protocolVersion() {
    return initialized.protocolVersion();
  }

  /** Returns why the session failed, or null while it works. */
  public @Nullable String failure() {
    return failure;
  }

  /**
   * Calls a tool and waits for its result. An interrupt (the agent's timeout or cancellation) sends
   * the server {@code notifications/cancelled} for the call before it is rethrown.
   *
   * @return the result
   * @throws ExecutionException with an {@code McpError} when the server refused the call, a {@link
   *     ServerFailedException} when the server failed meanwhile, or what the transport threw
   * @throws CancelledCall when interrupted, saying whether the server was told
   */
  public McpSchema.CallToolResult call(String tool, JsonNode input)
      throws ExecutionException, CancelledCall {
    McpSchema.CallToolRequest request =
        new McpSchema.CallToolRequest(tool, McpContent.toArguments(input), null);
    CompletableFuture<McpSchema.CallToolResult> result = client.callTool(request).toFuture();
    inFlight.add(result);
    String failed = failure;
    if (failed != null) {
      result.completeExceptionally(new ServerFailedException(failed));
    }
    try {
      return result.get();
    } catch (InterruptedException e) {
      boolean told = transport.cancel(request, "the client no longer waits for this call");
      result.cancel(false);
      throw new CancelledCall(told);
    } finally {
      inFlight.remove(result);
      transport.forget(request);
    }
  }

  /** Marks the session failed and answers every call in flight with {@code problem}. */
  public void fail(String problem) {
    failure = problem;
    for (CompletableFuture<McpSchema.CallToolResult> call : inFlight) {
      call.completeExceptionally(new ServerFailedException(problem));
    }
  }

  /** Ends the session: the SDK's client, then the transport (stopping a stdio server). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    fail("the connection was closed");
    closeQuietly(client, transport);
  }

  private static void closeQuietly(McpAsyncClient client, CancellingTransport transport) {
    try {
      client.closeGracefully().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      client.close();
    }
    transport.close();
  }

  /**
   * Lets the transport's callbacks reach the session made after it. A tools change that comes
   * while the session opens is refreshed once it has opened.
   */
  private static final class SessionRef {
    volatile @Nullable ServerSession session;
    private boolean changedWhileOpening; // Guarded by this.

    void opened(ServerSession opened) {
      boolean changed;
      synchronized (this) {
        session = opened;
        changed = changedWhileOpening;
      }
      if (changed) {
        opened.refreshTools();
      }
    }

    void toolsChanged() {
      ServerSession opened;
      synchronized (this) {
        opened = session;
        changedWhileOpening = opened == null;
      }
      if (opened != null) {
        opened.refreshTools();
      }
    }
  }

  /** A call answered at once because the server failed while or before it ran. */
  public static final class ServerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerFailedException(String problem) {
      super(problem, null, false, false);
    }
  }

  /** A call abandoned on an interrupt; says whether {@code notifications/cancelled} went out. */
  public static final class CancelledCall extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean serverTold;

    CancelledCall(boolean serverTold) {
      super("interrupted", null, false, false);
      this.serverTold = serverTold;
    }

    /** Returns whether the server was sent {@code notifications/cancelled}. */
    public boolean serverTold() {
      return serverTold;
    }
  }
}
