package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.LoopbackServer;
import dev.toolstream.testkit.internal.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A scripted Claude on loopback: an HTTP/1.1 server on {@code 127.0.0.1} that answers {@code POST
 * /v1/messages} with the exact bytes of the Messages API, following a {@link Script}, and records
 * every request. Point a client at {@link #baseUrl()} with any API key.
 *
 * <p>{@code POST /v1/messages/count_tokens} is answered too, without asking the script: with {@code
 * {"input_tokens": N}}, N from the builder's {@link Builder#tokenCounter} (an estimate of about
 * four characters a token by default). Those calls are recorded apart, in {@link
 * #countTokensRequests()}, so that they never take a scripted reply or shift the numbering of the
 * Messages requests. {@code GET /v1/models/{id}} is answered as for a model the API knows (the id
 * echoed, a display name, a release date), unrecorded, so that a credentials check passes.
 *
 * <pre>{@code
 * try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello!"))) {
 *   MessagesClient client =
 *       MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("test-key").build();
 *   ...
 *   assertThat(claude.takeRequest(Duration.ofSeconds(5)).lastUserText()).isEqualTo("Hi");
 * }
 * }</pre>
 *
 * <p>A request with {@code "stream": true} receives a {@code 200 text/event-stream} body in HTTP
 * chunks (see {@link Chunking}); any other receives the whole message as JSON. Every response
 * carries a {@code request-id} header ({@code req_scripted_N} unless an {@link ErrorReply} names
 * one). Any other method or path receives a {@code 404 not_found_error}. A request whose body is over
 * the API's limit of 32 MB receives {@code 413 request_too_large}, as from the API, without being
 * recorded, kept in memory or shown to the script.
 *
 * <p>Thread-safe. Connections are served concurrently, one thread each (daemon platform threads
 * unless {@link Builder#threadFactory} says otherwise); the script is asked for one reply at a
 * time. {@link #close()} stops the server and drops open connections.
 */
public final class ScriptedClaude implements AutoCloseable {
  private final Dispatcher dispatcher;
  private final Transport transport;
  private final int port;
  private final @Nullable ThreadFactory threadFactory;
  private volatile @Nullable LoopbackServer server;

  private ScriptedClaude(Builder builder, Script script) {
    this.dispatcher = new Dispatcher(script, builder.lineEnding, builder.tokenCounter);
    this.transport = new Transport(builder.chunking.sizes(), builder.deltaDelay);
    this.port = builder.port;
    this.threadFactory = builder.threadFactory;
  }

  /**
   * Starts a scripted Claude on a free port with default transport options: one chunk per event,
   * LF line endings, no pauses.
   *
   * @param script decides the reply to each request
   * @return the started server; close it when the test ends
   * @throws java.io.UncheckedIOException if no port can be bound
   */
  public static ScriptedClaude start(Script script) {
    return builder().script(script).build().start();
  }

  /**
   * Starts a scripted Claude on a free port that answers requests with a fixed list of replies.
   *
   * @param replies the replies in order of the requests they answer; a request past the end
   *     receives a {@code 500 api_error}
   * @return the started server; close it when the test ends
   * @throws java.io.UncheckedIOException if no port can be bound
   */
  public static ScriptedClaude start(Reply... replies) {
    return start(Script.of(replies));
  }

  /**
   * Begins configuring a scripted Claude with transport options: chunking, line endings, pauses
   * and port.
   *
   * @return a new builder, which needs a script before {@link Builder#build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds a free port on 127.0.0.1 (or the builder's port) and starts serving.
   *
   * @return this server, so {@code builder().…build().start()} reads as one expression
   * @throws IllegalStateException if already started
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public synchronized ScriptedClaude start() {
    if (server != null) {
      throw new IllegalStateException("ScriptedClaude is already started at " + baseUrl());
    }
    server = new LoopbackServer(dispatcher, transport, port, threadFactory);
    return this;
  }

  /**
   * Returns the base URL to give a client.
   *
   * @return a URL such as {@code http://127.0.0.1:54321}, with no trailing slash
   * @throws IllegalStateException if not started
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the bound port: the builder's, or the free one picked at start
   * @throws IllegalStateException if not started
   */
  public int port() {
    return running().port();
  }

  /**
   * Returns every Messages request received so far, whether or not it was taken with {@link
   * #takeRequest(Duration)}; token counts are in {@link #countTokensRequests()} instead.
   *
   * @return an immutable snapshot in order of arrival; later requests do not appear in it
   */
  public List<RecordedRequest> requests() {
    return dispatcher.requests();
  }

  /**
   * Returns every {@code POST /v1/messages/count_tokens} request received so far, such as those of
   * {@code MessagesClient.countTokens}. Each one's {@link RecordedRequest#sequenceNumber()} is its
   * place among the token counts.
   *
   * @return an immutable snapshot in order of arrival; later requests do not appear in it
   */
  public List<RecordedRequest> countTokensRequests() {
    return dispatcher.countTokensRequests();
  }

  /**
   * Returns the oldest request not yet taken, waiting up to {@code timeout} for one to arrive.
   * Independent of {@link #requests()}, which keeps them all.
   *
   * @param timeout how long to wait for a request at most
   * @return the request, never null
   * @throws AssertionError if no request arrives in time
   * @throws InterruptedException if interrupted while waiting
   */
  public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
    RecordedRequest request = dispatcher.untaken().poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (request == null) {
      throw new AssertionError(
          "No request reached ScriptedClaude within "
              + timeout
              + "; "
              + requests().size()
              + " arrived in all. Is the client's base URL "
              + baseUrl()
              + "?");
    }
    return request;
  }

  /**
   * Returns how many streamed responses the client closed before they ended. A close is seen while
   * the server writes, pauses between deltas or stalls; a stream the server has finished writing
   * (and that sits in socket buffers) is not counted. To test cancellation, keep the stream open
   * with {@link Turn.Builder#stallAfter(int)} or a {@link Builder#deltaDelay}.
   *
   * @return the count since start; it only grows
   * @throws IllegalStateException if not started
   */
  public int clientDisconnects() {
    return running().clientDisconnects();
  }

  /**
   * Waits until the client closes a streamed response before its end, as {@link
   * #clientDisconnects()} counts them; each disconnect satisfies one call.
   *
   * @param timeout how long to wait at most
   * @return true if a disconnect came, false if {@code timeout} passed first
   * @throws IllegalStateException if not started
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitClientDisconnect(Duration timeout) throws InterruptedException {
    return running().awaitClientDisconnect(timeout);
  }

  /** Stops the server and closes open connections; idempotent. Recorded requests stay readable. */
  @Override
  public synchronized void close() {
    LoopbackServer running = server;
    if (running != null) {
      running.close();
    }
  }

  private LoopbackServer running() {
    LoopbackServer running = server;
    if (running == null) {
      throw new IllegalStateException("ScriptedClaude is not started; call start() first");
    }
    return running;
  }

  /** Configures a {@link ScriptedClaude}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Script script;
    private Chunking chunking = Chunking.events();
    private LineEnding lineEnding = LineEnding.LF;
    private Duration deltaDelay = Duration.ZERO;
    private ToIntFunction<RecordedRequest> tokenCounter = Dispatcher::estimateTokens;
    private int port;
    private @Nullable ThreadFactory threadFactory;

    private Builder() {}

    /**
     * Sets what decides each reply; required.
     *
     * @param script called for one request at a time, on a connection thread
     * @return this builder
     */
    public Builder script(Script script) {
      this.script = Objects.requireNonNull(script, "script == null");
      return this;
    }

    /**
     * Sets a fixed list of replies as the script, as {@link Script#of(Reply...)} does.
     *
     * @param replies the replies in order of the requests they answer
     * @return this builder
     */
    public Builder replies(Reply... replies) {
      return script(Script.of(replies));
    }

    /**
     * Sets how streamed bodies are cut into HTTP chunks.
     *
     * @param chunking the cutting rule; {@link Chunking#events()} by default
     * @return this builder
     */
    public Builder chunking(Chunking chunking) {
      this.chunking = Objects.requireNonNull(chunking, "chunking == null");
      return this;
    }

    /**
     * Sets the line terminator of streamed events, to test a client's SSE reader.
     *
     * @param lineEnding the terminator; {@link LineEnding#LF} by default, as the API sends
     * @return this builder
     */
    public Builder lineEnding(LineEnding lineEnding) {
      this.lineEnding = Objects.requireNonNull(lineEnding, "lineEnding == null");
      return this;
    }

    /**
     * Sets a pause before each {@code content_block_delta} event, after sending what came before
     * it; zero by default. For latency and cancellation tests: a client close during a pause is
     * seen at once.
     *
     * @param delay the pause before each delta; zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public Builder deltaDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("deltaDelay must be zero or more, was " + delay);
      }
      this.deltaDelay = delay;
      return this;
    }

    /**
     * Sets how {@code count_tokens} requests are answered: {@code counter} is given each one and
     * returns its {@code input_tokens}. By default an estimate of one token per four characters of
     * the JSON of the request's system prompt, tools and messages, at least one.
     *
     * @param counter called on a connection thread, possibly on several at once; anything it
     *     throws, a failed assertion included, is answered with a {@code 500 api_error} that is not
     *     retried
     * @return this builder
     */
    public Builder tokenCounter(ToIntFunction<RecordedRequest> counter) {
      this.tokenCounter = Objects.requireNonNull(counter, "counter == null");
      return this;
    }

    /**
     * Sets the port to listen on, for a demo that needs a known address; tests should keep the
     * default.
     *
     * @param port 1 to 65535, or 0 (the default) to pick a free port at start
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the factory of the server's threads: the one that accepts connections and one per
     * connection, which lives as long as it. By default they are daemon platform threads named
     * {@code ScriptedClaude-N}; on Java 21 or newer, {@code Thread.ofVirtual().factory()} serves
     * thousands of connections at once on a few platform threads.
     *
     * @param factory makes each thread; its threads should not keep the JVM alive
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Objects.requireNonNull(factory, "factory == null");
      return this;
    }

    /**
     * Creates the server without starting it; call {@link ScriptedClaude#start()}.
     *
     * @return an unstarted scripted Claude
     * @throws IllegalStateException if no script was set
     */
    public ScriptedClaude build() {
      Script chosen = script;
      if (chosen == null) {
        throw new IllegalStateException(
            "No script: call script(...) or replies(...) before build()");
      }
      return new ScriptedClaude(this, chosen);
    }
  }
}
