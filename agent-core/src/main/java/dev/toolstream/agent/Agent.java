package dev.toolstream.agent;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.http.Watchdog;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.ContextManagement;
import dev.toolstream.messages.McpServer;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.OutputConfig;
import dev.toolstream.messages.RequestTool;
import dev.toolstream.messages.ServerTool;
import dev.toolstream.messages.ThinkingConfig;
import dev.toolstream.messages.ToolChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs Claude with tools: sends the history with the tool definitions, streams the reply, runs
 * each tool call it makes, sends the results back and goes again until the model is done.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *     .client(MessagesClient.fromEnv())
 *     .model("claude-sonnet-4-6")
 *     .tool(weatherTool)
 *     .listener(AgentListener.onText(System.out::print))
 *     .build();
 * AgentResult result = agent.run("What's the weather in Tokyo?");
 * }</pre>
 *
 * <p>Tool input is checked before a handler runs. Whatever the model can fix is sent back to it
 * as a {@code tool_result} with {@code is_error: true}, and the run goes on: input that is not
 * valid JSON, input that breaks the tool's schema, an unknown tool, a handler that throws or
 * outlives its timeout. What it cannot fix ends the run with an {@link AgentException} that keeps
 * the history: an API error after retries, a broken stream, {@code max_tokens} inside a tool call
 * ({@link MaxTokensException}) or a full context window there ({@link
 * ContextWindowExceededException}), the turn limit ({@link TurnLimitException}) and cancellation
 * ({@link AgentCancelledException}).
 *
 * <p>Tools the API runs itself ({@linkplain Builder#serverTool server tools} such as web search
 * and code execution, and the tools of an {@linkplain Builder#mcpServer MCP server}) are left to
 * it: their calls and results go to the listeners and into the history, never to a handler. A
 * reply that stops at {@code pause_turn} is sent back as it is so that the model goes on, and the
 * code execution container one reply names is reused by the next request.
 *
 * <p>Tool handlers never run on the run's own thread: they run on the {@linkplain
 * Builder#toolExecutor tool executor} or, without one, on the library's own daemon threads named
 * {@code toolstream-tool-N}. A call that outlives its timeout is answered "timed out" at once and
 * its handler's thread is interrupted; the run goes on without waiting for it. A handler that
 * ignores the interrupt keeps its thread until it returns, and what it returns is dropped.
 *
 * <p>Fatal errors: an {@link Error} thrown by a handler (an {@code AssertionError}, an {@code
 * OutOfMemoryError}) or by a listener stops the run. Its other tool calls are cancelled, the
 * listeners' {@link AgentListener#onError} is called with an {@link AgentException} whose cause is
 * the error, and then the error itself is rethrown from {@code run}, unwrapped; a {@link #runAsync}
 * future completes exceptionally with it. An error thrown by a handler whose call was already
 * answered (timed out or cancelled) is logged and dropped.
 *
 * <p>Every turn asks for automatic prompt caching (the top-level {@code cache_control}), so that a
 * tool loop's later turns read the conversation's prefix from the cache; {@link
 * Builder#promptCaching(boolean)} turns it off.
 *
 * <p>Durable runs: {@link #resume(RunState, RunJournal, AgentListener)} runs from a {@link
 * RunState} (a checkpoint) and writes each step to a {@link RunJournal} before it goes on: the
 * reply of each turn before its tools start, each tool call as it starts and as its result is
 * known, and the run's end. A run store (such as agent-store's) implements the journal and
 * rebuilds the state after a crash; a resumed run never runs again a call whose result was
 * recorded, and runs again a call that started without one only if its tool is {@linkplain
 * ToolSpec#idempotent() idempotent} (otherwise the model is told it may or may not have taken
 * effect). A call of a tool that {@linkplain ToolSpec#requiresApproval() requires approval} does
 * not run until a person decides: the run returns a result that {@linkplain
 * AgentResult#isAwaitingApproval() awaits approval}, and {@link #resume(RunState)} with the
 * decisions recorded on its {@linkplain AgentResult#paused() paused state} goes on; a denial goes
 * to the model as an error result with the reason.
 *
 * <p>An agent is immutable and safe to share between threads; each run has its own history.
 */
public final class Agent {
  private final AgentSettings settings;

  private Agent(AgentSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts configuring an agent.
   *
   * @return a builder with no tools and no listeners; {@link Builder#client} and {@link
   *     Builder#model} must be set before {@link Builder#build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this agent's settings (client, model and request parameters, tools,
   * listeners, limits, tool executor), to derive a variant. Changing the builder leaves this agent
   * as it is. Tools and listeners added to it come after this agent's.
   *
   * @return a new builder; not thread-safe, like any builder
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * Lists the tools this agent offers the model, those of its {@linkplain Builder#toolSource tool
   * sources} excepted: they may change from turn to turn.
   *
   * @return an unmodifiable list in registration order; empty for an agent without tools
   */
  public List<ToolSpec> tools() {
    return List.copyOf(settings.tools().values());
  }

  /**
   * Runs the loop on a prompt, on the calling thread, and returns when the model is done; see
   * {@link #run(List)} for cancellation and errors.
   *
   * @param prompt the first user message, the whole history of the run
   * @return the final message, the full history and the usage of every turn
   * @throws AgentException if the run ends without an answer; see the subclasses
   */
  public AgentResult run(String prompt) {
    return run(List.of(MessageParam.user(prompt)));
  }

  /**
   * Runs the loop on {@code history}, a conversation to continue (usually ending with a user
   * message), on the calling thread. Interrupting the thread cancels the run, at any point
   * (connecting, streaming, waiting to retry or for tools): it ends with an {@link
   * AgentCancelledException} and the thread's interrupt status stays set.
   *
   * @param history the conversation so far, copied; the run appends to its own copy
   * @return the final message, the full history (the given messages first) and the usage of every
   *     turn; or, when the model called a tool that {@linkplain ToolSpec#requiresApproval()
   *     requires approval}, a result that {@linkplain AgentResult#isAwaitingApproval() awaits it}
   * @throws IllegalArgumentException if {@code history} is empty
   * @throws AgentException if the run ends without an answer; see the subclasses
   * @throws Error the error a tool handler or listener threw, after the run was stopped and the
   *     listeners told; see the class documentation
   */
  public AgentResult run(List<MessageParam> history) {
    return run(history, null);
  }

  /**
   * Runs the loop on {@code history} like {@link #run(List)}, with {@code listener} watching this
   * run as well as the agent's own listeners.
   *
   * @param history the conversation so far, copied; the run appends to its own copy
   * @param listener called after the agent's listeners, for this run only; null for none
   * @return the final message, the full history and the usage of every turn
   * @throws IllegalArgumentException if {@code history} is empty
   * @throws AgentException if the run ends without an answer; see the subclasses
   */
  public AgentResult run(List<MessageParam> history, @Nullable AgentListener listener) {
    return loop(start(history), RunJournal.NONE, listener, new RunControl()).runOnCallersThread();
  }

  /**
   * Continues a run from {@code state}, on the calling thread, without a journal: usually the
   * {@linkplain AgentResult#paused() paused state} of a run that awaited approval, with the
   * decisions recorded on it. See {@link #resume(RunState, RunJournal, AgentListener)}.
   *
   * @param state where the run stands
   * @return the final message, the full history and the usage of every turn, the earlier ones
   *     included; or a result that awaits approval again
   * @throws IllegalArgumentException if the state's history is empty
   * @throws AgentException if the run ends without an answer; see the subclasses
   */
  public AgentResult resume(RunState state) {
    return resume(state, RunJournal.NONE, null);
  }

  /**
   * Continues a run from {@code state} on the calling thread, writing each step to {@code
   * journal}, with {@code listener} watching as well as the agent's own listeners. {@code run}
   * is this in effect, with a new run id, no journal and no open turn.
   *
   * <p>The run keeps the state's id (in the MDC, traces and the journal) and its turn count:
   * turns are numbered on from those taken, and {@link Builder#maxTurns(int)} bounds the whole
   * run, the turns before the resume included.
   *
   * <p>When the state has an open turn (an assistant reply whose calls are not all answered),
   * each unanswered call is settled in call order before the model is called again: a result
   * recorded is used as it is (never run again, nor journaled again); a call of a tool that
   * {@linkplain ToolSpec#requiresApproval() requires approval} is answered with an error holding
   * the reason when it was denied, and waits when no decision is recorded; a call that started
   * without a recorded result is answered with an error saying it was interrupted and may or may
   * not have taken effect, unless its tool is {@linkplain ToolSpec#idempotent() idempotent}, when
   * it runs again; any other call runs. Calls of tools the agent does not have get the usual
   * error. Listeners hear of the calls settled now ({@link AgentListener#onToolCall}, {@link
   * AgentListener#onToolResult}), not of results recorded before.
   *
   * <p>With a journal other than {@link RunJournal#NONE}, a turn's tool calls start only after
   * the whole reply arrived and {@link RunJournal#turnCompleted} returned (without one, a call
   * starts as soon as its block has streamed). Each call is journaled as it starts and as its
   * result is known, and the run's end as it ends; all on this thread, one at a time. A journal
   * that throws fails the run with an {@link AgentException} and cancels its other calls.
   *
   * @param state where the run stands; its history must not be empty
   * @param journal where the run writes its steps; {@link RunJournal#NONE} for none
   * @param listener called after the agent's listeners, for this run only; null for none
   * @return the final message, the full history and the usage of every turn; or a result that
   *     {@linkplain AgentResult#isAwaitingApproval() awaits approval}, whose {@linkplain
   *     AgentResult#paused() paused state} holds every result known
   * @throws IllegalArgumentException if the state's history is empty
   * @throws AgentException if the run ends without an answer, or the journal throws; see the
   *     subclasses
   * @throws Error the error a tool handler or listener threw; see the class documentation
   */
  public AgentResult resume(
      RunState state, RunJournal journal, @Nullable AgentListener listener) {
    Objects.requireNonNull(journal, "journal == null");
    return loop(state, journal, listener, new RunControl()).runOnCallersThread();
  }

  /**
   * Continues a run from {@code state} on {@code executor}, as {@link #resume(RunState,
   * RunJournal, AgentListener)} does, and returns at once. The future behaves as {@link
   * #runAsync(List, AgentListener, Executor)}'s does: cancelling it cancels the run, and the
   * journal's {@link RunJournal#runFailed} hears of it.
   *
   * @param state where the run stands; its history must not be empty
   * @param journal where the run writes its steps; {@link RunJournal#NONE} for none
   * @param listener called after the agent's listeners, for this run only; null for none
   * @param executor runs the loop; the run holds one of its threads until it ends
   * @return the run's future; cancelling it cancels the run
   * @throws IllegalArgumentException if the state's history is empty
   * @throws NullPointerException if {@code state}, {@code journal} or {@code executor} is null
   */
  public CompletableFuture<AgentResult> resumeAsync(
      RunState state, RunJournal journal, @Nullable AgentListener listener, Executor executor) {
    Objects.requireNonNull(journal, "journal == null");
    Objects.requireNonNull(executor, "executor == null");
    RunControl control = new RunControl();
    return RunFuture.start(loop(state, journal, listener, control), control, executor);
  }

  /**
   * Starts the loop on {@code prompt} on the library's run threads; see {@link #runAsync(List,
   * AgentListener)} and {@link #runAsync(List, AgentListener, Executor)}.
   *
   * @param prompt the first user message
   * @return the run's future; cancelling it cancels the run
   */
  public CompletableFuture<AgentResult> runAsync(String prompt) {
    return runAsync(List.of(MessageParam.user(prompt)), null, LibraryThreads.RUNS);
  }

  /**
   * Starts the loop on {@code prompt} on {@code executor}; see {@link #runAsync(List,
   * AgentListener, Executor)}.
   *
   * @param prompt the first user message
   * @param executor runs the loop; the run holds one of its threads until it ends
   * @return the run's future; cancelling it cancels the run
   * @throws NullPointerException if {@code executor} is null
   */
  public CompletableFuture<AgentResult> runAsync(String prompt, Executor executor) {
    return runAsync(List.of(MessageParam.user(prompt)), null, executor);
  }

  /**
   * Starts the loop on {@code history} on {@code executor}; see {@link #runAsync(List,
   * AgentListener, Executor)}.
   *
   * @param history the conversation to continue, usually ending with a user message
   * @param executor runs the loop; the run holds one of its threads until it ends
   * @return the run's future; cancelling it cancels the run
   * @throws IllegalArgumentException if {@code history} is empty
   * @throws NullPointerException if {@code executor} is null
   */
  public CompletableFuture<AgentResult> runAsync(List<MessageParam> history, Executor executor) {
    return runAsync(history, null, executor);
  }

  /**
   * Starts the loop on {@code history} on the library's run threads, with {@code listener}
   * watching this run as well as the agent's own listeners. Those threads form a shared cached
   * pool of daemon threads named {@code toolstream-run-N}, one per running run; idle ones end after
   * a minute. See {@link #runAsync(List, AgentListener, Executor)} for the rest of the contract.
   *
   * @param history the conversation to continue, usually ending with a user message
   * @param listener watches this run only
   * @return the run's future; cancelling it cancels the run
   * @throws IllegalArgumentException if {@code history} is empty
   * @throws NullPointerException if {@code listener} is null
   */
  public CompletableFuture<AgentResult> runAsync(
      List<MessageParam> history, AgentListener listener) {
    Objects.requireNonNull(listener, "listener == null");
    return runAsync(history, listener, LibraryThreads.RUNS);
  }

  /**
   * Starts the loop on {@code history} on {@code executor}, with {@code listener} (if not null)
   * watching this run as well as the agent's own listeners, and returns at once.
   *
   * <p>The run takes one of the executor's threads for as long as it lasts; its listeners are
   * called on that thread, and its tool handlers still run on the {@linkplain
   * Builder#toolExecutor tool executor}, never on it. Interrupting that thread cancels the run.
   *
   * <p>The future completes with the result, or exceptionally with the {@link AgentException}, or
   * with the {@link Error} a handler or listener threw (see the class documentation), always after
   * the listeners' terminal callback. Cancelling it cancels the run at once: the stream is closed,
   * pending tool calls are answered as cancelled and running handlers are interrupted, and the
   * run's thread ends without waiting for them; a run still waiting in the executor never starts,
   * and its listeners get {@link AgentListener#onError} on the cancelling thread. (Cancelling a
   * future derived from it with {@code thenApply} and the like does not reach the run.) When the
   * executor rejects the run, or fails to start it any other way (a thread-per-task executor that
   * can start no more threads throws an {@link OutOfMemoryError}), nothing is thrown: the future
   * completes exceptionally with an {@link AgentException} whose cause is what the executor threw
   * (a {@link java.util.concurrent.RejectedExecutionException} for a rejection), after the
   * listeners' {@code onError} on the calling thread.
   *
   * @param history the conversation to continue, usually ending with a user message
   * @param listener watches this run only; null for none
   * @param executor runs the loop; the run holds one of its threads until it ends
   * @return the run's future; cancelling it cancels the run
   * @throws IllegalArgumentException if {@code history} is empty
   * @throws NullPointerException if {@code history} or {@code executor} is null
   */
  public CompletableFuture<AgentResult> runAsync(
      List<MessageParam> history, @Nullable AgentListener listener, Executor executor) {
    Objects.requireNonNull(executor, "executor == null");
    RunControl control = new RunControl();
    return RunFuture.start(
        loop(start(history), RunJournal.NONE, listener, control), control, executor);
  }

  /** Returns the state of a new run on {@code history}, with a new id. */
  private static RunState start(List<MessageParam> history) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("history is empty: start it with a user message");
    }
    return RunState.start(LogContext.newRunId(), history);
  }

  private RunLoop loop(
      RunState state,
      RunJournal journal,
      @Nullable AgentListener listener,
      RunControl control) {
    Objects.requireNonNull(state, "state == null");
    if (state.history().isEmpty()) {
      throw new IllegalArgumentException(
          "run " + state.runId() + " has an empty history: start it with a user message");
    }
    return new RunLoop(
        settings, state, journal, listener == null ? List.of() : List.of(listener), control);
  }

  @Override
  public String toString() {
    return "Agent{model="
        + settings.template().model()
        + ", tools="
        + settings.tools().keySet()
        + "}";
  }

  /** Builds an {@link Agent}. Not thread-safe; the agent it builds is. */
  public static final class Builder {
    private @Nullable MessagesClient client;
    private MessageRequest.Builder request = MessageRequest.builder().maxTokens(4096);
    private final Map<String, ToolSpec> tools = new LinkedHashMap<>();
    private final List<ToolSource> toolSources = new ArrayList<>();
    private final List<ServerTool> serverTools = new ArrayList<>();
    private final List<AgentListener> listeners = new ArrayList<>();
    private int maxTurns = 20;
    private Duration toolTimeout = Duration.ofMinutes(1);
    private @Nullable Executor toolExecutor;
    private ScheduledExecutorService timer = Watchdog.TIMER;
    private @Nullable OutputType<?> output;
    private @Nullable CacheControl promptCaching = CacheControl.ephemeral();
    private boolean modelSet;
    private @Nullable Integer compactAt;
    private AgentObserver observer = AgentObserver.NONE;

    private Builder() {}

    private Builder(AgentSettings settings) {
      client = settings.client();
      request = settings.template().toBuilder();
      tools.putAll(settings.tools());
      toolSources.addAll(settings.toolSources());
      for (RequestTool tool : settings.template().tools()) {
        if (tool instanceof ServerTool server) {
          serverTools.add(server);
        }
      }
      listeners.addAll(settings.listeners());
      maxTurns = settings.maxTurns();
      toolTimeout = settings.toolTimeout();
      toolExecutor = settings.toolExecutor();
      timer = settings.timer();
      output = settings.output();
      promptCaching = settings.promptCaching();
      observer = settings.observer();
      modelSet = true;
    }

    /**
     * Chooses the client that sends every turn's request. Required.
     *
     * @param client the client, with its credentials, retries and timeouts; shared, not closed
     * @return this builder
     */
    public Builder client(MessagesClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Chooses the model that answers. Required.
     *
     * @param model the model's id, such as {@code claude-sonnet-4-6}
     * @return this builder
     * @throws IllegalArgumentException if {@code model} is blank
     */
    public Builder model(String model) {
      if (model.isBlank()) {
        throw new IllegalArgumentException(
            "model is blank: name one, such as \"claude-sonnet-4-6\"");
      }
      request.model(model);
      modelSet = true;
      return this;
    }

    /**
     * Caps the length of each reply, not of the run.
     *
     * @param maxTokens the most tokens the model may write per turn, at least 1 (checked by {@link
     *     #build()}); 4096 unless set
     * @return this builder
     */
    public Builder maxTokens(int maxTokens) {
      request.maxTokens(maxTokens);
      return this;
    }

    /**
     * Gives the model its instructions, sent with every turn.
     *
     * @param system the system prompt as one text; replaces one set before
     * @return this builder
     */
    public Builder system(String system) {
      request.system(system);
      return this;
    }

    /**
     * Gives the model its instructions as blocks, for example to mark a cache breakpoint.
     *
     * @param system the system prompt's blocks in order; replaces one set before, and empty sends
     *     none
     * @return this builder
     */
    public Builder system(List<ContentBlock.Text> system) {
      request.system(system);
      return this;
    }

    /**
     * Offers the model a tool, after those added before.
     *
     * @param tool the tool, whose handler runs when the model calls it
     * @return this builder
     * @throws IllegalArgumentException if a tool of that name was already added
     */
    public Builder tool(ToolSpec tool) {
      Objects.requireNonNull(tool, "tool == null");
      if (tools.putIfAbsent(tool.name(), tool) != null) {
        throw new IllegalArgumentException(
            "a tool named \""
                + tool.name()
                + "\" is already registered; tool names must be unique");
      }
      return this;
    }

    /**
     * Offers the model several tools at once, such as those of {@code AnnotatedTools.from(…)}.
     *
     * @param tools the tools, added in the collection's order; see {@link #tool(ToolSpec)}
     * @return this builder
     * @throws IllegalArgumentException if a name repeats; the tools before it stay added
     */
    public Builder tools(Collection<ToolSpec> tools) {
      tools.forEach(this::tool);
      return this;
    }

    /**
     * Offers the model the tools of {@code source} as they are at the start of each turn, after the
     * tools added with {@link #tool(ToolSpec)}: a tool that appears between turns is offered from
     * the next one on, and one that disappears is no longer offered. Such as the tools of the MCP
     * servers an application connects to, which may announce that their lists changed.
     *
     * @param source asked on the run's thread at the start of every turn; see {@link ToolSource}
     * @return this builder
     */
    public Builder toolSource(ToolSource source) {
      toolSources.add(Objects.requireNonNull(source, "source == null"));
      return this;
    }

    /**
     * Offers the model a tool whose definition the API owns, such as {@link ServerTool#webSearch()}
     * or {@link ServerTool#codeExecution()}, after the client tools.
     *
     * <p>A server tool runs on the API's side: its calls and results come in the reply, go to the
     * listeners ({@link AgentListener#onServerToolCall}, {@link AgentListener#onServerToolResult})
     * and into the history, and no handler ever runs for them, even one of the same name. A reply
     * that stops at {@code pause_turn} is sent back as it is, so the model goes on; the code
     * execution container of one reply is reused by the next request. The tools the caller runs
     * ({@link ServerTool#bash()}, {@link ServerTool#textEditor()}, {@link ServerTool#memory()})
     * need a {@link #tool(ToolSpec)} of the same name to handle their calls; the request then
     * sends the server tool's definition in that tool's place.
     *
     * @param tool the tool
     * @return this builder
     * @throws IllegalArgumentException if a server tool of that name was already added
     */
    public Builder serverTool(ServerTool tool) {
      Objects.requireNonNull(tool, "tool == null");
      for (ServerTool added : serverTools) {
        if (tool.name() != null && tool.name().equals(added.name())) {
          throw new IllegalArgumentException(
              "a server tool named \"" + tool.name() + "\" is already added; names must be unique");
        }
      }
      serverTools.add(tool);
      return this;
    }

    /**
     * Connects the API to an MCP server (the MCP connector) and offers the model all its tools: an
     * {@code mcp_toolset} for it is added unless {@link #serverTool} added one (to enable only some
     * tools, say, with its {@code configs}). The API calls them itself: the calls and
     * results go to the listeners ({@link AgentListener#onMcpToolCall}, {@link
     * AgentListener#onMcpToolResult}) and into the history, never to a handler. Requests carry
     * the {@value McpServer#BETA} beta header.
     *
     * @param server the server; its token goes into the request body only
     * @return this builder
     */
    public Builder mcpServer(McpServer server) {
      request.addMcpServer(server);
      return this;
    }

    /**
     * Constrains how the model uses the tools, on every turn.
     *
     * @param toolChoice such as {@link ToolChoice#any()}; the API's default ({@code auto}) unless
     *     set. A choice that forces a tool on every turn ends the run only at {@link
     *     #maxTurns(int)}
     * @return this builder
     */
    public Builder toolChoice(ToolChoice toolChoice) {
      request.toolChoice(toolChoice);
      return this;
    }

    /**
     * Turns extended thinking on or off; thinking blocks go back to the model unchanged.
     *
     * @param thinking such as {@link ThinkingConfig#enabled(int)}, whose budget must stay below
     *     {@link #maxTokens(int)}
     * @return this builder
     */
    public Builder thinking(ThinkingConfig thinking) {
      request.thinking(thinking);
      return this;
    }

    /**
     * Asks for the final answer as JSON of {@code output}'s schema (structured output), sent as
     * {@code output_config.format} with every turn. While the answer streams, listeners get the
     * value so far in {@link AgentListener#onOutputDelta}; read the whole of it with {@link
     * AgentResult#output(OutputType)}.
     *
     * <pre>{@code
     * OutputType<Forecast> forecast = OutputSchemas.of(Forecast.class);
     * Agent agent = Agent.builder()...output(forecast).build();
     * Forecast answer = agent.run("Plan my week in Lisbon").output(forecast);
     * }</pre>
     *
     * @param output such as {@code OutputSchemas.of(Forecast.class)} (agent-tools) or {@link
     *     OutputType#json(tools.jackson.databind.JsonNode)}; replaces one set before
     * @return this builder
     */
    public Builder output(OutputType<?> output) {
      this.output = Objects.requireNonNull(output, "output == null");
      request.outputSchema(output.schema());
      return this;
    }

    /**
     * Says how much effort the model spends on each turn (the request's {@code
     * output_config.effort}): lower is faster and cheaper, higher more thorough.
     *
     * @param effort such as {@link OutputConfig.Effort#MEDIUM}; the API's default ({@code high})
     *     unless set
     * @return this builder
     */
    public Builder effort(OutputConfig.Effort effort) {
      request.effort(Objects.requireNonNull(effort, "effort == null"));
      return this;
    }

    /**
     * Lets the API compact the conversation once a request's prompt reaches {@code inputTokens}: it
     * summarizes the history into a {@code compaction} block at the start of its reply and goes on
     * from the summary, so a long run stays within the context window. The block stays in the run's
     * history and goes back with it; requests after it send the history from the message holding it
     * on, since the API reads nothing before it. Listeners hear of each in {@link
     * AgentListener#onCompaction}. Sent as a {@code compact_20260112} context-management edit
     * (keeping the other settings of one set through {@link #request}), with its beta. A
     * compaction's own tokens are not in a reply's usage counts: the API reports them in its {@code
     * iterations} ({@link dev.toolstream.messages.Usage#extraFields()}).
     *
     * @param inputTokens the prompt size that triggers a compaction; the API refuses less than
     *     50,000
     * @return this builder
     * @throws IllegalArgumentException if {@code inputTokens} is less than 1
     */
    public Builder compactAt(int inputTokens) {
      if (inputTokens < 1) {
        throw new IllegalArgumentException("compactAt must be at least 1, was " + inputTokens);
      }
      this.compactAt = inputTokens;
      return this;
    }

    /**
     * Sets any other request parameter (temperature, stop sequences, metadata, betas, extra
     * fields): {@code configure} is given the request builder every turn's request starts from.
     *
     * @param configure called once, now, with that builder; tools it sets are replaced by this
     *     agent's own when {@link #build()} runs
     * @return this builder
     */
    public Builder request(Consumer<MessageRequest.Builder> configure) {
      configure.accept(request);
      return this;
    }

    /**
     * Turns automatic prompt caching on (the default) or off. When on, every turn's request carries
     * the top-level {@code cache_control}, so the API caches the conversation up to its last block
     * and the next turn of a tool loop reads that prefix from the cache instead of paying for it
     * again; see {@link AgentResult#usage()} for the cache reads and writes. The cache is kept for
     * the API's default time, five minutes.
     *
     * <p>Automatic caching takes one of the API's four breakpoint slots. A turn whose own
     * breakpoints (on system blocks, tools and history blocks) already take all four is sent
     * without it; a top-level {@code cache_control} set through {@link #request(Consumer)} is sent
     * as it is and replaces this one.
     *
     * @param enabled false to send no top-level {@code cache_control}, such as for a prompt below
     *     the model's minimum cacheable length or a conversation that is never continued
     * @return this builder
     */
    public Builder promptCaching(boolean enabled) {
      this.promptCaching = enabled ? CacheControl.ephemeral() : null;
      return this;
    }

    /**
     * Turns automatic prompt caching on with a breakpoint of its own, as {@link
     * #promptCaching(boolean)} describes: {@code promptCaching(CacheControl.ephemeral(
     * Duration.ofHours(1)))} keeps the cache for an hour, for runs whose turns are far apart.
     *
     * @param cacheControl the top-level {@code cache_control} every turn asks for
     * @return this builder
     */
    public Builder promptCaching(CacheControl cacheControl) {
      this.promptCaching = Objects.requireNonNull(cacheControl, "cacheControl == null");
      return this;
    }

    /**
     * Bounds a run that keeps calling tools; a run that reaches it fails with a {@link
     * TurnLimitException}.
     *
     * @param maxTurns how many requests a run may make, at least 1; 20 unless set
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTurns} is less than 1
     */
    public Builder maxTurns(int maxTurns) {
      if (maxTurns < 1) {
        throw new IllegalArgumentException("maxTurns must be at least 1, was " + maxTurns);
      }
      this.maxTurns = maxTurns;
      return this;
    }

    /**
     * Sets how long a tool handler may run unless its {@link ToolSpec#timeout()} says otherwise;
     * one minute unless set. When it runs out, the model is told the call timed out and the run
     * goes on at once; the handler's thread (never the run's) is interrupted. A timeout never
     * cancels the run.
     *
     * @param toolTimeout the default limit per call, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code toolTimeout} is zero or negative
     */
    public Builder toolTimeout(Duration toolTimeout) {
      if (toolTimeout.isNegative() || toolTimeout.isZero()) {
        throw new IllegalArgumentException("toolTimeout must be positive, was " + toolTimeout);
      }
      this.toolTimeout = toolTimeout;
      return this;
    }

    /**
     * Adds a listener that watches every run of the agent.
     *
     * @param listener the listener; listeners are called in the order they were added, on the
     *     threads {@link AgentListener} names
     * @return this builder
     */
    public Builder listener(AgentListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Runs tool calls on {@code executor}: the calls of one turn run concurrently, each starting
     * as soon as its own block has streamed. Without one they run one at a time, in order, once
     * the reply is complete, on the library's daemon threads ({@code toolstream-tool-N}), never on
     * the run's own thread. A call the executor rejects runs on the library's threads too. Results
     * keep the order of the calls either way.
     *
     * @param executor the executor; the agent never shuts it down
     * @return this builder
     */
    public Builder toolExecutor(Executor executor) {
      this.toolExecutor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Returns a toolset with all its tools for each MCP server that no {@code mcp_toolset} names:
     * the API takes a server only with a toolset that offers its tools.
     */
    private List<ServerTool> missingToolsets(MessageRequest template) {
      List<ServerTool> missing = new ArrayList<>();
      for (McpServer server : template.mcpServers()) {
        boolean offered =
            serverTools.stream()
                .anyMatch(
                    tool ->
                        tool.type().equals("mcp_toolset")
                            && server
                                .name()
                                .equals(tool.json().path("mcp_server_name").asString()));
        if (!offered) {
          missing.add(ServerTool.mcpToolset(server.name()));
        }
      }
      return missing;
    }

    /** Returns the request's context management with its compaction triggered at {@code at}. */
    private static ContextManagement compacting(MessageRequest template, int at) {
      ContextManagement current = template.contextManagement();
      ContextManagement.Compact compact = ContextManagement.compact();
      if (current == null) {
        return ContextManagement.of(compact.withTrigger(at));
      }
      for (ContextManagement.Edit edit : current.edits()) {
        if (edit instanceof ContextManagement.Compact set) {
          compact = set;
        }
      }
      return current.with(compact.withTrigger(at));
    }

    /**
     * Reports every run, model call and tool call to {@code observer}, for tracing and metrics,
     * such as agent-otel's {@code AgentTelemetry}. Without one the agent observes nothing and pays
     * nothing for it.
     *
     * @param observer the observer, which replaces one set before; see {@link AgentObserver} for
     *     its threads and contract
     * @return this builder
     */
    public Builder observer(AgentObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer == null");
      return this;
    }

    /** Times tool calls out on {@code timer} instead of the library's own: a seam for tests. */
    Builder timer(ScheduledExecutorService timer) {
      this.timer = Objects.requireNonNull(timer, "timer == null");
      return this;
    }

    /** Refuses a tool source whose tools, as listed now, take the name of one of the builder's. */
    private void refuseClashes() {
      for (ToolSource source : toolSources) {
        for (ToolSpec tool : source.tools()) {
          if (tools.containsKey(tool.name())) {
            throw new IllegalArgumentException(
                "the tool source "
                    + source
                    + " offers a tool named \""
                    + tool.name()
                    + "\", like a tool added with tool(...): rename one of them, or have the source"
                    + " prefix its names");
          }
        }
      }
    }

    /**
     * Checks the settings and makes the agent.
     *
     * @return an immutable agent; later changes to this builder do not reach it
     * @throws IllegalStateException if the client or the model is missing, or {@code maxTokens} is
     *     below 1
     * @throws IllegalArgumentException if a {@linkplain #toolSource tool source} lists a tool with
     *     the name of a tool added with {@link #tool(ToolSpec)}
     */
    public Agent build() {
      if (client == null) {
        throw new IllegalStateException("no client: call client(MessagesClient.fromEnv())");
      }
      if (!modelSet) {
        throw new IllegalStateException("no model: call model(\"claude-sonnet-4-6\") or another");
      }
      refuseClashes();
      List<RequestTool> definitions = new ArrayList<>();
      for (ToolSpec tool : tools.values()) {
        if (serverTools.stream().noneMatch(server -> tool.name().equals(server.name()))) {
          definitions.add(tool.definition());
        }
      }
      definitions.addAll(serverTools);
      MessageRequest template = request.tools(definitions).build();
      List<ServerTool> toolsets = missingToolsets(template);
      if (!toolsets.isEmpty()) {
        definitions.addAll(toolsets);
        template = request.tools(definitions).build();
      }
      if (compactAt != null) {
        template = template.toBuilder().contextManagement(compacting(template, compactAt)).build();
      }
      return new Agent(
          new AgentSettings(
              client,
              template,
              Collections.unmodifiableMap(new LinkedHashMap<>(tools)),
              List.copyOf(toolSources),
              maxTurns,
              toolTimeout,
              List.copyOf(listeners),
              toolExecutor,
              timer,
              output,
              promptCaching,
              observer));
    }
  }
}
