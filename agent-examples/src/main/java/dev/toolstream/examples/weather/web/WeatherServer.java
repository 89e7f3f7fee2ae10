package dev.toolstream.examples.weather.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolstream.agent.Agent;
import dev.toolstream.store.DurableAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the agent to a browser: {@code GET /} is a page with a prompt box, and {@code GET
 * /stream?prompt=…} (or {@code POST /stream} with {@code {"prompt": "…"}} or {@code {"messages":
 * […]}}) runs the agent and streams the run as Server-Sent Events: {@code text}, {@code
 * tool_input}, {@code tool_call}, {@code tool_result}, {@code turn}, then {@code done} or {@code
 * error}, each with JSON data.
 *
 * <pre>{@code
 * try (WeatherServer server = WeatherServer.builder().agent(agent).port(0).start()) {
 *   System.err.println("serving on " + server.url());
 *   server.awaitClose();
 * }
 * }</pre>
 *
 * <p>Built on the JDK's own {@code com.sun.net.httpserver}: no dependency, it starts in
 * milliseconds, and a chunked response flushed per event is all SSE needs. Its one gap, that a
 * closed connection shows only as a failed write, is closed by a heartbeat comment while a run is
 * live; the first failed write cancels the run and its upstream stream.
 *
 * <p>It serves only its own page: a request whose {@code
 * Host} is not the address being served is a 421, which defeats DNS rebinding; a {@code /stream}
 * request from another site's page ({@code Origin}, {@code Sec-Fetch-Site}) is a 403 unless its
 * origin was {@linkplain Builder#allowOrigin allowed}; a {@code POST /stream} body that is not
 * {@code application/json} is a 415.
 *
 * <p>Limits answer with a small JSON body {@code {"error": {"type", "message"}}}: an empty prompt
 * is a 400, one over the maximum length a 413, and a stream beyond the maximum number at once a
 * 503 with {@code Retry-After}. Other paths are 404, other methods 405 with {@code Allow}. A
 * request's headers, and then its body, must arrive within the {@linkplain Builder#requestTimeout
 * request timeout}, and at most {@linkplain Builder#maxConnections a fixed number} of requests are
 * served at once; a connection beyond that is closed unanswered. A client that stops reading its
 * stream holds the run back (its events are not buffered) for as long again at most: a write
 * still blocked when the request timeout runs out closes the connection and cancels the run.
 *
 * <p>With a {@linkplain Builder#durableAgent durable agent} the server keeps each browser's
 * conversation in the agent's store: the browser gets a random conversation id in an {@code
 * HttpOnly}, {@code SameSite=Strict} cookie (on the page, or on its first stream), each {@code
 * /stream} continues that conversation (a request's last message is the prompt; the store holds
 * the rest), and {@code GET /conversation} returns its messages as JSON, {@code {"messages":
 * [{"role", "text", "tool_calls", "tool_results"}]}}, so that a reloaded page shows them. The
 * events are the same. Each run is saved step by step: if the server dies, a server restarted on
 * the same port, or any other on the same database, finishes it, and the page shows the answer
 * when reloaded.
 *
 * <p>A failed run ends with an {@code error} event whose {@code message} is written for the person
 * at the page and names no class, URL or key; the details go to this class's log.
 *
 * <p>Thread-safe. Each request is served on a thread of its own, which a stream holds until its
 * run ends; each run has one more (and each running tool call one more, on the agent's {@linkplain
 * Agent.Builder#toolExecutor tool executor}). By default these are platform threads, and the
 * default limits keep them few. On Java 21 or newer, {@link Builder#threadFactory} and {@link
 * Builder#runExecutor} take virtual threads, with which one server holds ten thousand streams at
 * once on a few platform threads:
 *
 * <pre>{@code
 * WeatherServer.builder()
 *     .agent(agent) // built with .toolExecutor(Executors.newVirtualThreadPerTaskExecutor())
 *     .threadFactory(Thread.ofVirtual().name("weather-server-", 1).factory())
 *     .runExecutor(Executors.newVirtualThreadPerTaskExecutor())
 *     .maxConcurrentStreams(10_000)
 *     .maxConnections(10_100)
 *     .start();
 * }</pre>
 *
 * <p>Whatever the threads, each stream's heartbeat is written by its own request thread (a client
 * that stops reading blocks only its own stream), and one timer thread times every request's
 * reads and every stream's writes.
 */
public final class WeatherServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WeatherServer.class);

  private final HttpServer server;
  private final HandlerThreads handlers;
  private final OriginPolicy origins;
  private final ScheduledExecutorService clocks;
  private final StreamSlots slots;
  private final StreamHandler streams;
  private final Page page;
  private final @Nullable Conversations conversations;
  private final String host;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  private WeatherServer(Builder builder, @Nullable Agent agent) throws IOException {
    this.host = builder.host;
    this.page = Page.load(builder.maxPromptLength, builder.notice);
    this.slots = new StreamSlots(builder.maxConcurrentStreams);
    // One timer thread times the requests' reads, however many.
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemon("weather-server-clock-"));
    // A request's read clock is cancelled long before it is due: dropped from the queue at once,
    // not kept until then.
    timer.setRemoveOnCancelPolicy(true);
    this.clocks = timer;
    ThreadFactory threads = builder.threadFactory;
    this.handlers =
        new HandlerThreads(
            builder.maxConnections,
            builder.requestTimeout,
            threads == null ? daemon("weather-server-") : threads,
            clocks);
    try {
      server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 0);
    } catch (IOException e) {
      handlers.close();
      clocks.shutdown();
      throw e;
    }
    IntFunction<DurableAgent> durable = builder.durable;
    try {
      this.conversations =
          durable == null
              ? null
              : new Conversations(durable.apply(server.getAddress().getPort()));
    } catch (RuntimeException e) {
      server.stop(0);
      handlers.close();
      clocks.shutdown();
      throw e;
    }
    this.streams =
        new StreamHandler(
            agent,
            conversations,
            slots,
            builder.heartbeat,
            builder.maxPromptLength,
            handlers,
            builder.runExecutor);
    this.origins =
        OriginPolicy.of(
            builder.host,
            server.getAddress().getPort(),
            builder.allowedHosts,
            builder.allowedOrigins);
    server.setExecutor(handlers);
    server.createContext("/", this::route);
    server.start();
  }

  /** Returns a builder; {@link Builder#agent} or {@link Builder#durableAgent} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the page's URL, such as {@code http://127.0.0.1:8080/}, with the port bound. */
  public URI url() {
    String literal = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port() + "/");
  }

  /** Returns the port the server listens on: the one asked for, or the one picked for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns how many streams are live now. */
  public int liveStreams() {
    return slots.live();
  }

  /**
   * Waits up to {@code timeout} until no stream is live, each one's slot given back; returns
   * whether that happened.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return slots.awaitIdle(timeout);
  }

  /**
   * Waits until {@link #close()} has stopped the server, from any thread (such as a shutdown hook).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /**
   * Stops the server: refuses new streams, cancels the live runs (their clients get an {@code
   * error} event of type {@code cancelled}), waits up to two seconds for them to end, then closes
   * every connection. With a durable agent, the agent is closed first, handing its runs over to
   * the other servers on its store instead of cancelling them. Idempotent; later calls return at
   * once.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    if (conversations != null) {
      conversations.agent().close();
    }
    slots.close();
    try {
      if (!slots.awaitIdle(Duration.ofSeconds(2))) {
        log.warn("{} streams did not end in 2 s; closing their connections", slots.live());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    clocks.shutdownNow();
    handlers.close();
    closed.countDown();
  }

  /** Returns the executor that serves the requests, for tests of its limits. */
  HandlerThreads handlerThreads() {
    return handlers;
  }

  private void route(HttpExchange exchange) throws IOException {
    handlers.headersRead();
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Rejection misdirected = origins.checkHost(exchange.getRequestHeaders());
      if (misdirected != null) {
        log.debug("Refused a request for host {}", exchange.getRequestHeaders().getFirst("Host"));
        Responses.reject(exchange, misdirected);
      } else if (path.equals("/") || path.equals("/index.html")) {
        if (allowed(exchange, method, "GET", "HEAD")) {
          if (conversations != null) {
            conversations.idFor(exchange);
          }
          page.serve(exchange);
        }
      } else if (path.equals("/conversation") && conversations != null) {
        if (allowed(exchange, method, "GET")) {
          Rejection foreign = origins.checkStream(method, exchange.getRequestHeaders());
          if (foreign != null) {
            Responses.reject(exchange, foreign);
            return;
          }
          conversations.serve(exchange);
        }
      } else if (path.equals("/stream")) {
        if (method.equals("OPTIONS")) {
          preflight(exchange);
        } else if (allowed(exchange, method, "GET", "POST")) {
          Rejection foreign = origins.checkStream(method, exchange.getRequestHeaders());
          if (foreign != null) {
            Responses.reject(exchange, foreign);
            return;
          }
          String cors = origins.corsOrigin(exchange.getRequestHeaders());
          if (cors != null) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", cors);
            exchange.getResponseHeaders().set("Vary", "Origin");
          }
          streams.handle(exchange);
        }
      } else {
        Responses.reject(
            exchange,
            new Rejection(
                404,
                "not_found",
                "nothing at " + path + "; the page is at / and the stream at /stream"));
      }
    } catch (RuntimeException e) {
      log.warn("Serving {} failed", exchange.getRequestURI(), e);
      exchange.close();
    }
  }

  /** Answers a CORS preflight: only an allowed origin may POST JSON from its own page. */
  private void preflight(HttpExchange exchange) throws IOException {
    String cors = origins.corsOrigin(exchange.getRequestHeaders());
    if (cors == null) {
      Responses.reject(
          exchange,
          new Rejection(
              403,
              "cross_origin",
              "streams are served only to this server's own page; start the server with"
                  + " --allow-origin to serve another page"));
      return;
    }
    Headers headers = exchange.getResponseHeaders();
    headers.set("Access-Control-Allow-Origin", cors);
    headers.set("Access-Control-Allow-Methods", "GET, POST");
    headers.set("Access-Control-Allow-Headers", "Content-Type");
    headers.set("Access-Control-Max-Age", "600");
    headers.set("Vary", "Origin");
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  private static boolean allowed(HttpExchange exchange, String method, String... allowed)
      throws IOException {
    for (String each : allowed) {
      if (each.equals(method)) {
        return true;
      }
    }
    String allow = String.join(", ", allowed);
    exchange.getResponseHeaders().set("Allow", allow);
    Responses.reject(
        exchange,
        new Rejection(
            405,
            "method_not_allowed",
            method
                + " is not allowed on "
                + exchange.getRequestURI().getPath()
                + "; use "
                + allow));
    return false;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configures a {@link WeatherServer}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Agent agent;
    private String host = "127.0.0.1";
    private int port = 8080;
    private int maxPromptLength = 4000;
    private @Nullable String notice;
    private int maxConcurrentStreams = 8;
    private Duration heartbeat = Duration.ofSeconds(1);
    private int maxConnections = 32;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private final List<String> allowedHosts = new ArrayList<>();
    private final List<String> allowedOrigins = new ArrayList<>();
    private @Nullable IntFunction<DurableAgent> durable;
    private @Nullable ThreadFactory threadFactory;
    private @Nullable Executor runExecutor;

    private Builder() {}

    /**
     * Sets the factory of the threads that serve requests: one per request being served, which a
     * stream holds until its run ends, so {@link #maxConnections} of them at most. By default they
     * are daemon platform threads named {@code weather-server-N}. On Java 21 or newer, {@code
     * Thread.ofVirtual().factory()} serves thousands of streams on a few platform threads; raise
     * {@link #maxConcurrentStreams} and {@link #maxConnections} with it, and pass a {@link
     * #runExecutor} of virtual threads too. The server interrupts these threads when it closes,
     * and they should not keep the JVM alive.
     *
     * @param threadFactory makes each thread that serves requests
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory == null");
      return this;
    }

    /**
     * Sets the executor that runs each stream's agent run, through {@link Agent#runAsync(List,
     * dev.toolstream.agent.AgentListener, Executor)}: a run holds one of its threads until it
     * ends. By default the runs go to the library's own run threads, a platform thread per run.
     * On Java 21 or newer, {@code Executors.newVirtualThreadPerTaskExecutor()} holds thousands
     * of runs on a few platform threads. An executor that rejects a run fails that stream with
     * an {@code error} event. The server never shuts it down. A {@linkplain #durableAgent durable
     * agent} runs its runs on its own threads and does not use this executor.
     *
     * @param runExecutor runs each stream's agent run
     */
    public Builder runExecutor(Executor runExecutor) {
      this.runExecutor = Objects.requireNonNull(runExecutor, "runExecutor == null");
      return this;
    }

    /**
     * Keeps each browser's conversation, and every run, in a durable agent's store (see the class
     * description); without one the server keeps nothing between streams. The server calls {@code
     * byPort} once it has bound its port, with that port, so that the agent's owner id can name
     * the address (stable across a restart on the same port, unique among live servers), and
     * closes the agent when it closes. The durable agent should run the same tools as {@link
     * #agent}, which still answers stateless requests nowhere else.
     *
     * @param byPort builds the durable agent for the bound port
     */
    public Builder durableAgent(IntFunction<DurableAgent> byPort) {
      this.durable = Objects.requireNonNull(byPort, "byPort == null");
      return this;
    }

    /**
     * Sets the agent that answers each prompt, keeping nothing between streams; required unless a
     * {@linkplain #durableAgent durable agent} answers instead. Its own listeners see every run.
     */
    public Builder agent(Agent agent) {
      this.agent = Objects.requireNonNull(agent, "agent == null");
      return this;
    }

    /**
     * Sets the address to listen on; {@code 127.0.0.1} by default, so only this machine can
     * connect. {@code 0.0.0.0} listens on every interface: the server has no authentication.
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** Sets the port; 8080 by default, 0 for any free one (see {@link WeatherServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the most characters (code points) a prompt may have; 4,000 by default. */
    public Builder maxPromptLength(int maxPromptLength) {
      if (maxPromptLength < 1) {
        throw new IllegalArgumentException(
            "maxPromptLength must be at least 1, was " + maxPromptLength);
      }
      this.maxPromptLength = maxPromptLength;
      return this;
    }

    /**
     * Shows {@code notice} on the page above the first question, as plain text: say, that the
     * answers are simulated. None by default.
     */
    public Builder notice(String notice) {
      this.notice = java.util.Objects.requireNonNull(notice, "notice == null");
      return this;
    }

    /** Sets how many streams may run at once; 8 by default. More are refused with a 503. */
    public Builder maxConcurrentStreams(int maxConcurrentStreams) {
      if (maxConcurrentStreams < 1) {
        throw new IllegalArgumentException(
            "maxConcurrentStreams must be at least 1, was " + maxConcurrentStreams);
      }
      this.maxConcurrentStreams = maxConcurrentStreams;
      return this;
    }

    /**
     * Sets how often a live stream gets a {@code : ping} comment; one second by default. A client
     * that has gone is noticed at the first write that fails, usually the second after it left.
     */
    public Builder heartbeat(Duration heartbeat) {
      if (heartbeat.isNegative() || heartbeat.isZero()) {
        throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
      }
      this.heartbeat = heartbeat;
      return this;
    }

    /**
     * Sets how many requests may be served at once, streams included; 32 by default, and it must
     * be more than {@link #maxConcurrentStreams}. A connection beyond it is closed unanswered.
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 2) {
        throw new IllegalArgumentException(
            "maxConnections must be at least 2, was " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets how long a request's headers may take to arrive once it has begun, and again its body,
     * and how long a stream's write may wait for a client that takes nothing (its connection's
     * buffers full); 10 seconds by default. A request that is slower, or a client that has
     * stopped reading, is dropped with its connection, and its run is cancelled.
     */
    public Builder requestTimeout(Duration requestTimeout) {
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
      }
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * Lets requests name the server as {@code host} too, such as a name for this machine when it
     * listens on {@code 0.0.0.0}: {@code my-box} (on the served port) or {@code my-box:8080}.
     * Requests with any other {@code Host} are refused.
     */
    public Builder allowHost(String host) {
      Objects.requireNonNull(host, "host == null");
      if (host.isBlank() || host.contains("/") || host.contains(" ")) {
        throw new IllegalArgumentException(
            "an allowed host is a name or name:port, such as my-box:8080, not \"" + host + "\"");
      }
      allowedHosts.add(host.strip());
      return this;
    }

    /**
     * Lets pages on {@code origin}, such as {@code https://app.example}, call {@code /stream}: it
     * gets CORS headers and its preflight is answered. Pages on any other origin are refused.
     */
    public Builder allowOrigin(String origin) {
      Objects.requireNonNull(origin, "origin == null");
      if (!isOrigin(origin.strip())) {
        throw new IllegalArgumentException(
            "an allowed origin is a scheme, a host and an optional port, such as"
                + " https://app.example or http://localhost:3000, not \"" + origin + "\"");
      }
      allowedOrigins.add(origin.strip());
      return this;
    }

    private static boolean isOrigin(String text) {
      try {
        URI uri = new URI(text);
        String path = uri.getRawPath();
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null
            && uri.getRawUserInfo() == null
            && (path == null || path.isEmpty() || path.equals("/"))
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
      } catch (URISyntaxException e) {
        return false;
      }
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws IllegalStateException if neither an agent nor a durable agent was set
     * @throws UncheckedIOException if the address cannot be bound, for example a port in use
     */
    public WeatherServer start() {
      Agent chosen = agent;
      if (chosen == null && durable == null) {
        throw new IllegalStateException(
            "no agent: call agent(Agent) or durableAgent(…) before start()");
      }
      if (maxConnections <= maxConcurrentStreams) {
        throw new IllegalStateException(
            "maxConnections ("
                + maxConnections
                + ") must be more than maxConcurrentStreams ("
                + maxConcurrentStreams
                + "), so that the page still loads while every stream runs");
      }
      try {
        return new WeatherServer(this, chosen);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot listen on " + host + ":" + port + " (" + e.getMessage()
                + "); pick another port, or 0 for any free one",
            e);
      }
    }
  }
}
