package dev.toolstream.spring.boot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code toolstream.*} properties: the client's credentials, address, timeouts and retries,
 * the default agent ({@code toolstream.agent.*}), named agents ({@code toolstream.agents.<name>.*}),
 * the Server-Sent Event streams and telemetry.
 *
 * <p>{@link #toString()} never shows the API key or the auth token.
 *
 * @param apiKey API key, sent as x-api-key. Defaults to the ANTHROPIC_API_KEY environment variable.
 * @param authToken OAuth token, sent as "Authorization: Bearer", instead of or beside a key.
 *     Defaults to the ANTHROPIC_AUTH_TOKEN environment variable.
 * @param baseUrl Address of the API. Defaults to the ANTHROPIC_BASE_URL environment variable, else
 *     https://api.anthropic.com.
 * @param maxRetries How many times a failed request (429, 5xx, connection failure) is retried, with
 *     exponential backoff; 0 never retries.
 * @param connectTimeout Most time one attempt may take to connect.
 * @param idleTimeout Most time allowed between two received bytes; a stream that keeps sending is
 *     never cut.
 * @param deadline Overall limit on each call, its retries and its whole stream included. None
 *     unless set.
 * @param betas Beta features turned on for every request, sent in anthropic-beta.
 * @param agent The default agent: the Agent bean.
 * @param agents Further agents by name, from Agents.agent(name). Each takes the keys of
 *     toolstream.agent, with the same defaults.
 * @param sse Server-Sent Event streams of runs.
 * @param telemetry The agent-otel integration, on when agent-otel and an OpenTelemetry bean are
 *     present.
 */
@ConfigurationProperties("toolstream")
public record ToolstreamProperties(
    @Nullable String apiKey,
    @Nullable String authToken,
    @Nullable String baseUrl,
    @DefaultValue("2") int maxRetries,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("10m") Duration idleTimeout,
    @Nullable Duration deadline,
    @DefaultValue List<String> betas,
    @DefaultValue AgentProperties agent,
    @DefaultValue Map<String, AgentProperties> agents,
    @DefaultValue Sse sse,
    @DefaultValue Telemetry telemetry) {

  /**
   * Copies the lists and maps.
   *
   * @param apiKey the API key
   * @param authToken the auth token
   * @param baseUrl the API's address
   * @param maxRetries the retries after a first attempt
   * @param connectTimeout the connect timeout
   * @param idleTimeout the idle timeout
   * @param deadline the overall deadline
   * @param betas the beta features
   * @param agent the default agent
   * @param agents the named agents
   * @param sse the event streams
   * @param telemetry the telemetry
   */
  public ToolstreamProperties {
    betas = List.copyOf(betas);
    agents = Map.copyOf(agents);
  }

  /**
   * Shows the settings with the key and token masked.
   *
   * @return such as {@code ToolstreamProperties{apiKey=******, baseUrl=null, ...}}
   */
  @Override
  public String toString() {
    return "ToolstreamProperties{apiKey="
        + (apiKey == null ? "null" : "******")
        + ", authToken="
        + (authToken == null ? "null" : "******")
        + ", baseUrl="
        + baseUrl
        + ", maxRetries="
        + maxRetries
        + ", connectTimeout="
        + connectTimeout
        + ", idleTimeout="
        + idleTimeout
        + ", deadline="
        + deadline
        + ", betas="
        + betas
        + ", agent="
        + agent
        + ", agents="
        + agents
        + ", sse="
        + sse
        + ", telemetry="
        + telemetry
        + "}";
  }

  /**
   * One agent's settings: {@code toolstream.agent.*}, or {@code toolstream.agents.<name>.*}.
   *
   * @param model Model that answers, such as claude-sonnet-4-6.
   * @param system System prompt sent with every turn. None unless set.
   * @param maxTokens Most tokens the model may write per turn.
   * @param maxTurns Most requests a run may make; a run that reaches it fails with a turn limit.
   * @param toolTimeout How long a tool call may run before the model is told it timed out.
   * @param toolBeans Names of the beans whose @Tool methods the agent offers. Every bean with @Tool
   *     methods when empty.
   * @param toolExecutor Name of an Executor bean that runs the agent's tool calls, concurrently.
   *     Defaults to the bean named toolstreamToolExecutor if there is one, else the library's own
   *     threads, one call at a time.
   * @param promptCaching Whether every turn asks for automatic prompt caching.
   */
  public record AgentProperties(
      @DefaultValue("claude-sonnet-4-6") String model,
      @Nullable String system,
      @DefaultValue("4096") int maxTokens,
      @DefaultValue("20") int maxTurns,
      @DefaultValue("1m") Duration toolTimeout,
      @DefaultValue List<String> toolBeans,
      @Nullable String toolExecutor,
      @DefaultValue("true") boolean promptCaching) {

    /**
     * Copies the list of tool beans.
     *
     * @param model the model
     * @param system the system prompt
     * @param maxTokens the most tokens per turn
     * @param maxTurns the most requests per run
     * @param toolTimeout the default limit per tool call
     * @param toolBeans the beans whose tools the agent offers
     * @param toolExecutor the name of the tool executor bean
     * @param promptCaching whether to cache prompts
     */
    public AgentProperties {
      toolBeans = List.copyOf(toolBeans);
    }
  }

  /**
   * The Server-Sent Event streams of {@link AgentSse}.
   *
   * @param heartbeat How often a comment line goes to a client while a run is quiet (a tool runs,
   *     the model thinks), so that a client that left is noticed and its run cancelled.
   * @param timeout How long a stream may stay open before it ends with an error event and its run
   *     is cancelled; 0 for no limit.
   */
  public record Sse(
      @DefaultValue("15s") Duration heartbeat, @DefaultValue("10m") Duration timeout) {}

  /**
   * The agent-otel integration.
   *
   * @param captureContent Whether spans record prompts, answers, tool arguments and results.
   */
  public record Telemetry(@DefaultValue("false") boolean captureContent) {}
}
