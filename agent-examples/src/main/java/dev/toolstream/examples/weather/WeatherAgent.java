package dev.toolstream.examples.weather;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.examples.weather.web.WeatherServer;
import dev.toolstream.internal.http.Secrets;
import dev.toolstream.messages.ServerTool;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.store.StoreException;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The weather agent: asks Claude about the weather, with one tool backed by Open-Meteo. With none
 * of {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_AUTH_TOKEN} and {@code ANTHROPIC_BASE_URL} set it
 * runs against a scripted Claude and an Open-Meteo stand-in on loopback, through the same code
 * path. Without a question,
 * on a terminal, it holds a conversation ({@link Conversation}).
 */
@Command(
    name = "weather-agent",
    sortOptions = false,
    description = "Asks Claude about the weather; Claude calls Open-Meteo through a tool.",
    // One line per paragraph or table row: HelpText wraps them to the terminal, between words.
    footer = {
      "",
      "Environment:",
      "  ANTHROPIC_API_KEY         API key; without it (and without ANTHROPIC_AUTH_TOKEN and"
          + " ANTHROPIC_BASE_URL) Claude and Open-Meteo are simulated on loopback",
      "  ANTHROPIC_AUTH_TOKEN      OAuth token, sent as a bearer token instead of the key",
      "  ANTHROPIC_BASE_URL        API base URL (default https://api.anthropic.com)",
      "  OPEN_METEO_URL            forecast API (default https://api.open-meteo.com)",
      "  OPEN_METEO_GEOCODING_URL  geocoding API (default https://geocoding-api.open-meteo.com)",
      "  NO_COLOR                  no colours, on either stream (else each gets colour when it is"
          + " a terminal)",
      "  COLUMNS                   the width of this help (default: the terminal's, else 80)",
      "  TOOLSTREAM_STORE_USER     with --store, the database user (or put it in the URL)",
      "  TOOLSTREAM_STORE_PASSWORD with --store, the user's password; never printed",
      "",
      "Without a question, on a terminal, it asks for one question after another and keeps the"
          + " conversation; exit or Ctrl-D ends it.",
      "With --serve, open the URL it prints: the page streams each answer as it is written.",
      "Each browser's conversation and every run are kept in the store (an H2 file at",
      "~/.toolstream/weather-agent by default): a server restarted on the same port finishes the",
      "runs it was killed in, and servers sharing a PostgreSQL --store take over each other's.",
      "With --mcp, stdout carries only MCP messages; notes and logs go to stderr.",
      "",
      "Exit status: 0 done, 1 API error, 2 bad usage, 3 turn limit, 4 max tokens in a tool call,"
          + " 5 stream error, 6 connection failure, 7 refusal."
    })
public final class WeatherAgent {
  static final String SYSTEM =
      "You are a concise weather assistant. Use the get_weather tool for current conditions, once"
          + " per city, and answer in a few sentences.";

  /** Added to {@link #SYSTEM} with {@code --web-search}. */
  static final String WEB_SEARCH_SYSTEM =
      " For anything get_weather cannot tell, such as forecasts, search the web and cite it.";

  /** The searches one question may make with {@code --web-search}. */
  static final int MAX_SEARCHES = 3;

  /** The shortest {@code --tool-timeout}, in seconds: one millisecond. */
  private static final BigDecimal MIN_TOOL_TIMEOUT = new BigDecimal("0.001");

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "Model (default: ${DEFAULT-VALUE}).")
  String model = "claude-sonnet-4-6";

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "Most tokens per reply (default: ${DEFAULT-VALUE}).")
  int maxTokens = 1024;

  @Option(
      names = "--max-turns",
      paramLabel = "N",
      description = "Most requests per run (default: ${DEFAULT-VALUE}).")
  int maxTurns = 10;

  @Option(
      names = "--web-search",
      description =
          "Let Claude search the web for what get_weather can't answer, such as forecasts.")
  boolean webSearch;

  @Option(names = "--verbose", description = "Log requests, retries and stack traces to stderr.")
  boolean verbose;

  @Option(
      names = "--serve",
      description = "Serve a page that streams the answers to a browser, instead of one question.")
  boolean serve;

  @Option(
      names = "--mcp",
      description =
          "Serve get_weather as an MCP server over stdin and stdout, for Claude Desktop, Claude"
              + " Code or any MCP client, instead of one question.")
  boolean mcp;

  @Option(
      names = "--offline",
      description =
          "With --mcp, answer from the Open-Meteo stand-in, without network: real cities,"
              + " made-up weather.")
  boolean offline;

  @Option(
      names = "--tool-timeout",
      paramLabel = "SECONDS",
      description =
          "With --mcp, most seconds a get_weather call may run, such as 30 or 0.5 (default:"
              + " ${DEFAULT-VALUE}).")
  BigDecimal toolTimeoutSeconds = BigDecimal.valueOf(30);

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port for --serve, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address for --serve (default: ${DEFAULT-VALUE}, this machine only).")
  String host = "127.0.0.1";

  @Option(
      names = "--allow-host",
      paramLabel = "HOST",
      description =
          "With --serve, also answer to HOST or HOST:PORT, such as this machine's name"
              + " (repeatable).")
  List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--allow-origin",
      paramLabel = "ORIGIN",
      description =
          "With --serve, also stream to pages on ORIGIN, such as https://app.example (repeatable).")
  List<String> allowOrigins = new ArrayList<>();

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "With --serve, keep conversations and runs in this database, such as"
              + " jdbc:postgresql://db:5432/weather to share it between servers (default: an H2"
              + " file at ~/.toolstream/weather-agent).")
  @Nullable String store;

  /** Traces and measures the runs when the environment asks for it; see {@link Telemetry}. */
  private AgentObserver observer = AgentObserver.NONE;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(
      paramLabel = "PROMPT",
      arity = "0..*",
      description = "The question, e.g. \"What's the weather in Tokyo?\"")
  List<String> prompt = List.of();

  /** Runs the agent with the process's arguments and environment, and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System::getenv, System.in, System.out, System.err, Terminal.system()));
  }

  /**
   * Runs the agent and returns its exit status; everything it prints goes to {@code out} and
   * {@code err}. This is the real entry point, as {@link #main} uses it, with no terminal: no
   * colour, and no conversation without a question. The API key and token from {@code env} are
   * blanked out of everything written to {@code err}, whatever fails; {@code out} carries only the
   * model's answer and the help.
   */
  public static int run(
      String[] args, Function<String, String> env, PrintStream out, PrintStream stderr) {
    return run(args, env, InputStream.nullInputStream(), out, stderr, Terminal.NONE);
  }

  /**
   * Runs the agent as {@link #run(String[], Function, PrintStream, PrintStream)} does, reading a
   * conversation's questions from {@code in} when there is no question and {@code terminal} says
   * stdin is a terminal; {@code terminal} also decides each stream's colour and the help's width.
   */
  static int run(
      String[] args,
      Function<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream stderr,
      Terminal terminal) {
    PrintStream err =
        RedactingOutputStream.wrap(
            stderr,
            Secrets.of(
                Arrays.asList(
                    env.apply("ANTHROPIC_API_KEY"),
                    env.apply("ANTHROPIC_AUTH_TOKEN"),
                    env.apply(ServeStore.PASSWORD_ENV))));
    try {
      return runRedacting(args, env, in, out, err, terminal);
    } finally {
      err.close(); // Writes an unfinished last line, if any; stderr itself stays open.
    }
  }

  /** Runs the agent as {@link #run} does, with {@code err} already blanking the secrets out. */
  private static int runRedacting(
      String[] args,
      Function<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Terminal terminal) {
    // Until logging is routed to err, QuietLogging keeps everything but warnings out of stdout.
    // The simulation starts while the command line is read, unless the command line asks for
    // something that needs none: --mcp has no Claude to simulate, --help no question.
    // The simulated answer is paced for whoever watches it arrive, on a terminal or the page.
    Duration pace =
        terminal.stdout() || Arrays.asList(args).contains("--serve")
            ? WeatherBackend.SIMULATED_DELTA_DELAY
            : Duration.ZERO;
    WeatherBackend.@Nullable Opening opening =
        needsNoBackend(args) ? null : WeatherBackend.openInBackground(env, pace);
    configureLogging(false, err);
    WeatherAgent options = new WeatherAgent();
    // A question and flags are read without picocli (see QuickArgs); the rest, help included, by it.
    QuickArgs quick = QuickArgs.read(args, options);
    Predicate<String> matched;
    if (quick != null) {
      matched = quick::hasMatchedOption;
    } else {
      CommandLine command = new CommandLine(options);
      CommandLine.ParseResult parsed;
      try {
        parsed = command.parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        WeatherBackend.discard(opening);
        err.println("error: " + e.getMessage());
        err.println("Try --help.");
        return Failures.USAGE;
      }
      if (options.help) {
        WeatherBackend.discard(opening);
        HelpText.print(command, env, terminal, out);
        return 0;
      }
      matched = parsed::hasMatchedOption;
    }
    String question = String.join(" ", options.prompt).strip();
    boolean conversation = question.isEmpty() && !options.serve && !options.mcp && terminal.stdin();
    String misuse = options.misuse(question, conversation, matched);
    if (misuse != null) {
      WeatherBackend.discard(opening);
      err.println("error: " + misuse);
      return Failures.USAGE;
    }
    if (options.verbose) {
      configureLogging(true, err);
    }
    if (options.mcp) {
      WeatherBackend.discard(opening); // The MCP client is the model: no Claude to talk to.
      return WeatherMcp.serve(env, options.offline, options.toolTimeout(), out, err);
    }
    WeatherBackend backend;
    try {
      backend = (opening != null ? opening : WeatherBackend.openInBackground(env, pace)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IllegalStateException
          || e.getCause() instanceof IllegalArgumentException) {
        err.println("error: " + e.getCause().getMessage());
        return Failures.USAGE;
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    ConsoleListener.Style outStyle = ConsoleListener.Style.forStream(terminal.stdout(), env);
    ConsoleListener.Style style = ConsoleListener.Style.forStream(terminal.stderr(), env);
    try (backend;
        Telemetry telemetry = Telemetry.fromEnv(env)) {
      options.observer = telemetry.observer();
      String note = backend.simulationNote();
      if (note != null) {
        err.println(style.dim(note));
      }
      if (options.serve) {
        return options.serve(backend, env, err);
      }
      Agent agent = options.agent(backend).listener(new ConsoleListener(out, err, style)).build();
      if (conversation) {
        return new Conversation(agent, options.failures(), in, out, err, outStyle, style).run();
      }
      return options.ask(question, agent, out, err, style);
    }
  }

  /** Tells whether the arguments ask for something that needs no Claude: {@code --mcp}, help. */
  private static boolean needsNoBackend(String[] args) {
    return Arrays.stream(args).anyMatch(arg -> List.of("--mcp", "--help", "-h").contains(arg));
  }

  /** Returns {@code --tool-timeout}, checked by {@link #misuse}, to the millisecond. */
  private Duration toolTimeout() {
    return Duration.ofMillis(toolTimeoutSeconds.movePointRight(3).longValue());
  }

  /**
   * Returns what is wrong with the options, or null if they can run; {@code conversation} when
   * the questions are to come from the terminal, {@code matched} telling which options the
   * command line named.
   */
  private @Nullable String misuse(
      String question, boolean conversation, Predicate<String> matched) {
    if (mcp) {
      if (serve || !question.isEmpty()) {
        return "--mcp takes no question and no --serve; the MCP client asks";
      }
      if (toolTimeoutSeconds.compareTo(MIN_TOOL_TIMEOUT) < 0
          || toolTimeoutSeconds.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        return "--tool-timeout must be from 0.001 seconds (1 ms) to " + Integer.MAX_VALUE;
      }
    } else if (matched.test("--tool-timeout") || offline) {
      return "--tool-timeout and --offline go with --mcp";
    }
    if (serve) {
      if (!question.isEmpty()) {
        return "--serve takes no question; ask on the page it serves";
      }
      if (port < 0 || port > 65535) {
        return "--port must be 0 to 65535 (0 picks a free one)";
      }
      String badHost = ListenAddress.problem(host);
      if (badHost != null) {
        return badHost;
      }
    } else {
      if (matched.test("--port")
          || matched.test("--host")
          || matched.test("--allow-host")
          || matched.test("--allow-origin")
          || matched.test("--store")) {
        return "--port, --host, --allow-host, --allow-origin and --store go with --serve";
      }
      if (question.isEmpty() && !mcp && !conversation) {
        return "no question given; try: weather-agent \"What's the weather in Tokyo?\"";
      }
    }
    if (maxTokens < 1 || maxTurns < 1) {
      return "--max-tokens and --max-turns must be at least 1";
    }
    return null;
  }

  private int ask(
      String question, Agent agent, PrintStream out, PrintStream err, ConsoleListener.Style style) {
    try {
      AgentResult result = agent.run(question);
      err.println(style.dim(UsageLine.of(result.usage(), result.turns())));
      if (result.isRefusal()) {
        err.println("error: the model declined to answer (stop_reason refusal)");
        return Failures.REFUSAL;
      }
      return 0;
    } catch (AgentException e) {
      failures().report(e, out, err, style);
      return Failures.exitCode(e);
    }
  }

  /** Returns how this run's options describe a failed run. */
  private Failures.Reporter failures() {
    return new Failures.Reporter(maxTurns, maxTokens, verbose);
  }

  /** Returns the weather agent as the options ask for it, web search included if asked. */
  private Agent.Builder agent(WeatherBackend backend) {
    Agent.Builder agent = backend.agent(model, maxTokens, maxTurns).observer(observer);
    if (webSearch) {
      agent
          .system(SYSTEM + WEB_SEARCH_SYSTEM)
          .serverTool(
              ServerTool.webSearch(
                  ServerTool.WebSearchOptions.defaults().maxUses(MAX_SEARCHES)));
    }
    return agent;
  }

  /**
   * Serves the page and the stream until Ctrl-C (a shutdown hook closes the server) or until the
   * calling thread is interrupted.
   */
  private int serve(WeatherBackend backend, Function<String, String> env, PrintStream err) {
    JdbcRunStore runs;
    try {
      runs = ServeStore.open(store, env);
    } catch (StoreException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Failures.USAGE;
    }
    try (runs) {
      return serve(backend, runs, err);
    }
  }

  /** Serves with conversations and runs kept in {@code runs}; see {@link #serve}. */
  private int serve(WeatherBackend backend, JdbcRunStore runs, PrintStream err) {
    WeatherServer server;
    AtomicReference<DurableAgent> durable = new AtomicReference<>();
    Agent agent = agent(backend).build();
    try {
      WeatherServer.Builder builder =
          WeatherServer.builder()
              .durableAgent(
                  bound -> {
                    durable.set(ServeStore.durable(agent, runs, host, bound));
                    return durable.get();
                  })
              .host(host)
              .port(port);
      allowHosts.forEach(builder::allowHost);
      allowOrigins.forEach(builder::allowOrigin);
      if (backend.simulationNote() != null) {
        builder.notice(WeatherBackend.SIMULATED_PAGE_NOTICE);
      }
      server = builder.start();
    } catch (UncheckedIOException | IllegalArgumentException | StoreException e) {
      err.println("error: " + e.getMessage());
      return Failures.USAGE;
    }
    // Runs this server was killed in come back at once; other servers' once their leases expire.
    durable.get().recoverAbandoned();
    durable.get().startRecovery(ServeStore.LEASE);
    Thread hook = new Thread(server::close, "weather-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (server) {
      err.println("keeping conversations in " + runs);
      err.println("serving on " + server.url() + " (Ctrl-C stops)");
      server.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run: the JVM is on its way out.
      }
    }
    return 0;
  }

  /**
   * Sends log lines to {@code err} as notes; with {@code verbose}, every detail and stack trace.
   * Configured in code only (no logback.xml to parse at start-up), before anything logs.
   */
  static void configureLogging(boolean verbose, PrintStream err) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LoggerContext context = root.getLoggerContext();
    Encoder<ILoggingEvent> encoder;
    if (verbose) {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
      encoder = pattern;
    } else {
      encoder = new NoteEncoder(); // "note: %msg%n%nopex" without the pattern parser.
    }
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(new FilterOutputStream(err) {
      @Override
      public void write(byte[] bytes, int offset, int length) {
        // One write, under err's lock: another thread's line cannot land inside this one.
        err.write(bytes, offset, length);
      }

      @Override
      public void close() {
        err.flush(); // The stream is the caller's; the appender must not close it.
      }
    });
    appender.start();
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    root.setLevel(verbose ? Level.DEBUG : Level.WARN);
    ((Logger) LoggerFactory.getLogger("dev.toolstream.client"))
        .setLevel(verbose ? Level.DEBUG : Level.INFO);
    if (verbose) {
      ((Logger) LoggerFactory.getLogger("okhttp3")).setLevel(Level.INFO);
    }
  }
}
