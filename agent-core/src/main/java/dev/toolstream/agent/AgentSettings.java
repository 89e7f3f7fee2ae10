package dev.toolstream.agent;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.http.Watchdog;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.MessageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What an agent was built with; shared, read-only, by all its runs.
 *
 * @param template the request of every turn but its messages: model, max_tokens, system, tools…
 * @param tools the tools by name, in registration order
 * @param toolSources asked at the start of each turn for more tools ({@link TurnTools})
 * @param timer times tool calls out: the {@link Watchdog}'s, or a test's own
 * @param output the type the answer is read into, whose deltas listeners get; or null
 * @param promptCaching the automatic caching each turn asks for when a slot is free, or null
 * @param observer watches runs, model calls and tool calls; {@link AgentObserver#NONE} unless set;
 *     kept {@linkplain GuardedObserver guarded}, so that one that throws cannot harm a run
 */
record AgentSettings(
    MessagesClient client,
    MessageRequest template,
    Map<String, ToolSpec> tools,
    List<ToolSource> toolSources,
    int maxTurns,
    Duration toolTimeout,
    List<AgentListener> listeners,
    @Nullable Executor toolExecutor,
    ScheduledExecutorService timer,
    @Nullable OutputType<?> output,
    @Nullable CacheControl promptCaching,
    AgentObserver observer) {
  AgentSettings {
    observer = GuardedObserver.of(observer);
  }
}
