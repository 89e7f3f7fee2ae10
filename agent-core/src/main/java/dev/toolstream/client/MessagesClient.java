package dev.toolstream.client;

import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.RequestCancelledException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.internal.http.ClientVersion;
import dev.toolstream.internal.http.RealMessageStream;
import dev.toolstream.internal.http.RetryClock;
import dev.toolstream.internal.http.RetryPolicy;
import dev.toolstream.internal.http.RetryingCaller;
import dev.toolstream.internal.http.Secrets;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.ModelInfo;
import dev.toolstream.messages.TokenCount;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamLimits;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client for Claude's Messages API: {@link #create(MessageRequest)} for a whole message, {@link
 * #stream(MessageRequest)} for a streamed one, {@link #countTokens(MessageRequest)} to learn what a
 * request would consume before sending it, {@link #model(String)} to check credentials and a model
 * at no cost.
 *
 * <p>Build one with {@link #builder()} or read the environment with {@link #fromEnv()}. Create one
 * client and share it: it is immutable and thread-safe, and its connections are pooled.
 *
 * <p>Requests that fail with 408, 409, 429, 5xx or a connection failure are retried (2 times by
 * default) with exponential backoff, honouring {@code retry-after-ms}, {@code retry-after} and
 * {@code x-should-retry}; 400, 401, 403, 404 and 413 never are, and a stream is never replayed
 * once its body has begun. Timeouts: connect (10 s by default), idle between received bytes (10
 * minutes by default; a long, healthy stream is never cut), and an optional overall deadline.
 *
 * <p>What a response may make the client hold in memory is bounded by its {@link StreamLimits}.
 *
 * <p>The API key and auth token never appear in {@link #toString()}, log lines or exceptions: a key
 * or token that could not be sent as a header is refused by the builder with a message that names
 * the bad character and its position, never the key, and an error body that echoes either is
 * redacted before it becomes an {@link ApiException}.
 */
public final class MessagesClient {
  /**
   * The longest time limit a client keeps, {@code connectTimeout}, {@code idleTimeout} or {@code
   * deadline}: 2<sup>31</sup> − 1 ms, some 24 days and 20 hours, the longest OkHttp takes. A longer
   * one, {@code ChronoUnit.FOREVER.getDuration()} say, counts as this.
   */
  public static final Duration MAX_TIME_LIMIT = Duration.ofMillis(Integer.MAX_VALUE);

  /** The API's address unless {@code ANTHROPIC_BASE_URL} or {@link Builder#baseUrl} says else. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  private static final MediaType JSON = MediaType.get("application/json");
  /** Built on first use, so that a caller who passes its own client never pays for this one. */
  private static final class Shared {
    static final OkHttpClient CLIENT = new OkHttpClient();
  }

  private final HttpUrl messagesUrl;
  private final HttpUrl countTokensUrl;
  private final HttpUrl modelsUrl;
  private final @Nullable String apiKey;
  private final @Nullable String authToken;
  private final List<String> betas;
  private final OkHttpClient http;
  private final RetryingCaller caller;
  private final StreamLimits limits;
  private final Builder settings;
  private final String publicBaseUrl;

  private MessagesClient(Builder builder) {
    this.settings = new Builder(builder);
    this.publicBaseUrl =
        HttpUrl.get(builder.baseUrl).newBuilder().username("").password("").build().toString();
    this.messagesUrl =
        HttpUrl.get(builder.baseUrl).newBuilder().addPathSegments("v1/messages").build();
    this.countTokensUrl = messagesUrl.newBuilder().addPathSegment("count_tokens").build();
    this.modelsUrl = HttpUrl.get(builder.baseUrl).newBuilder().addPathSegments("v1/models").build();
    this.apiKey = builder.apiKey;
    this.authToken = builder.authToken;
    this.betas = List.copyOf(builder.betas);
    OkHttpClient.Builder http =
        (builder.okHttpClient == null ? Shared.CLIENT : builder.okHttpClient)
            .newBuilder()
            .connectTimeout(atLeastAMillisecond(builder.connectTimeout))
            .readTimeout(Duration.ZERO) // The caller's idle timer, without a wake-up per read.
            .writeTimeout(atLeastAMillisecond(builder.idleTimeout))
            .retryOnConnectionFailure(false);
    this.http = http.build();
    this.limits = builder.limits;
    Secrets secrets = Secrets.of(Arrays.asList(apiKey, authToken));
    this.caller =
        new RetryingCaller(
            this.http,
            new RetryPolicy(builder.maxRetries),
            builder.deadline,
            builder.idleTimeout,
            builder.retryClock,
            secrets,
            limits.maxErrorBodyBytes());
  }

  /**
   * Starts configuring a client from the defaults.
   *
   * @return a builder with no credentials; {@link Builder#build()} needs an API key or an auth
   *     token
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a client configured from the environment: {@code ANTHROPIC_API_KEY}, {@code
   * ANTHROPIC_AUTH_TOKEN} and {@code ANTHROPIC_BASE_URL}.
   *
   * @return a client with those values, trimmed as {@link #fromEnv(Function)} says, and the
   *     defaults for everything else; to change other settings, use {@link #fromEnv(Function)}
   *     with {@code System::getenv}, which returns a builder
   * @throws IllegalStateException if neither a key nor a token is set
   */
  public static MessagesClient fromEnv() {
    return fromEnv(System::getenv).build();
  }

  /**
   * Returns a builder configured from {@code env}, a lookup such as {@code System::getenv}. Each
   * value is trimmed of the whitespace a copy-paste leaves at its ends, every kind included: the
   * no-break spaces U+00A0, U+2007 and U+202F, the byte-order mark U+FEFF, zero-width spaces and
   * line breaks. Blank values count as unset.
   *
   * @param env looks up a variable by name, returning null if it is unset; asked for {@code
   *     ANTHROPIC_API_KEY}, {@code ANTHROPIC_AUTH_TOKEN} and {@code ANTHROPIC_BASE_URL}
   * @return a builder holding the values found, to change further before {@link Builder#build()};
   *     it has no credentials if neither variable was set
   * @throws IllegalArgumentException if the key or token still holds a character no header can
   *     carry; the message names the character and its position, never the key
   */
  public static Builder fromEnv(Function<String, @Nullable String> env) {
    Builder builder = new Builder();
    String key = env.apply("ANTHROPIC_API_KEY");
    String token = env.apply("ANTHROPIC_AUTH_TOKEN");
    String baseUrl = env.apply("ANTHROPIC_BASE_URL");
    if (key != null && !Secrets.isBlank(key)) {
      builder.apiKey(Secrets.trim(key));
    }
    if (token != null && !Secrets.isBlank(token)) {
      builder.authToken(Secrets.trim(token));
    }
    if (baseUrl != null && !Secrets.isBlank(baseUrl)) {
      builder.baseUrl(Secrets.trim(baseUrl));
    }
    return builder;
  }

  /** Returns {@code limit}, or one millisecond if it is less: OkHttp refuses a shorter timeout. */
  private static Duration atLeastAMillisecond(Duration limit) {
    return limit.toMillis() == 0 ? Duration.ofMillis(1) : limit;
  }

  /**
   * Starts a variant of this client, such as one with a shorter deadline, that shares its
   * connection pool.
   *
   * @return a new builder holding this client's settings, credentials and limits included;
   *     changing it leaves this client as it is
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * Sends a request and waits for the whole message, on the calling thread.
   *
   * @param request the request, sent without a {@code stream} field
   * @return the message as the API returned it
   * @throws ApiException for an error status, after retries
   * @throws ApiTimeoutException if a time limit ran out, the deadline included
   * @throws RequestCancelledException if the thread was interrupted (its status stays set)
   * @throws ApiConnectionException if the API could not be reached
   * @throws ToolstreamException if the response is not a message's JSON, or is longer than {@link
   *     StreamLimits#maxMessageBytes()}
   */
  public Message create(MessageRequest request) {
    ObjectNode body = MessageCodec.writeRequest(request, false);
    return callForJson(httpRequest(messagesUrl, body, request, false), MessageCodec::readMessage);
  }

  /**
   * Counts the input tokens a request would consume, without sending it to the model: posts it to
   * {@code /v1/messages/count_tokens} with its system prompt, tools, tool choice, thinking,
   * messages, caching and every other field the endpoint takes, but not those that only shape the
   * answer ({@code max_tokens}, sampling, stop sequences, metadata). Headers, betas, retries,
   * timeouts and errors are those of {@link #create(MessageRequest)}. The count is free, but has
   * its own rate limit.
   *
   * @param request the request as it would be sent, such as an agent's next turn
   * @return the input tokens, and any other field the API answered with
   * @throws ApiException for an error status, after retries
   * @throws ApiTimeoutException if a time limit ran out, the deadline included
   * @throws RequestCancelledException if the thread was interrupted (its status stays set)
   * @throws ApiConnectionException if the API could not be reached
   * @throws ToolstreamException if the answer is not a token count's JSON
   */
  public TokenCount countTokens(MessageRequest request) {
    ObjectNode body = MessageCodec.writeCountTokensRequest(request);
    return callForJson(
        httpRequest(countTokensUrl, body, request, false), MessageCodec::readTokenCount);
  }

  /**
   * Asks the API about one model, {@code GET /v1/models/{model_id}}, which costs no tokens: a way
   * to check the credentials and the model's id before a run, such as in a health check. Headers,
   * betas, retries, timeouts and errors are those of {@link #create(MessageRequest)}.
   *
   * @param modelId the model's id or alias, such as {@code claude-sonnet-4-6}
   * @return what the API says of the model
   * @throws IllegalArgumentException if {@code modelId} is blank
   * @throws dev.toolstream.errors.AuthenticationException if the API refuses the credentials (401)
   * @throws ApiException for another error status, after retries, such as 404 ({@code
   *     not_found_error}) for a model the API does not know
   * @throws ApiTimeoutException if a time limit ran out, the deadline included
   * @throws RequestCancelledException if the thread was interrupted (its status stays set)
   * @throws ApiConnectionException if the API could not be reached
   * @throws ToolstreamException if the answer is not a model's JSON
   */
  public ModelInfo model(String modelId) {
    Objects.requireNonNull(modelId, "modelId == null");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("modelId is blank: name a model, such as claude-sonnet-4-6");
    }
    HttpUrl url = modelsUrl.newBuilder().addPathSegment(modelId).build();
    Request http = withHeaders(new Request.Builder().url(url).get(), betas, false).build();
    return callForJson(http, MessageCodec::readModelInfo);
  }

  /** Sends {@code http}, reads the whole JSON answer and converts it with {@code reader}. */
  private <T> T callForJson(Request http, Function<JsonNode, T> reader) {
    RetryingCaller.CallHolder holder = new RetryingCaller.CallHolder();
    try (Response response = caller.execute(http, holder)) {
      String body = readBody(response, holder);
      try {
        return reader.apply(Json.parse(body));
      } catch (JacksonException e) {
        throw new ToolstreamException(
            "the API's response is not valid JSON (request-id " + response.header("request-id")
                + "): " + e.getOriginalMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new ToolstreamException(
            "the API's response (request-id "
                + response.header("request-id")
                + ") is not what "
                + http.url().encodedPath()
                + " answers: "
                + e.getMessage(),
            e);
      }
    }
  }

  /**
   * Reads a whole message's body, refusing one longer than {@link StreamLimits#maxMessageBytes()}
   * before it fills memory.
   */
  private String readBody(Response response, RetryingCaller.CallHolder holder) {
    try {
      BufferedSource source = response.body().source();
      long max = limits.maxMessageBytes();
      if (source.request(max + 1)) {
        throw new ToolstreamException(
            "the API's response (request-id " + response.header("request-id") + ") is longer than "
                + max + " bytes (StreamLimits.maxMessageBytes); if that is expected, raise it with"
                + " MessagesClient.Builder.limits(...)");
      }
      return source.getBuffer().readUtf8();
    } catch (Exception e) { // OkHttp also throws InterruptedException, undeclared.
      if (e instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
        Thread.currentThread().interrupt();
        throw new RequestCancelledException("the thread was interrupted reading the response", e);
      }
      if (holder.deadlinePassed()) {
        throw new ApiTimeoutException("the deadline passed while reading the response", e);
      }
      if (e instanceof SocketTimeoutException) { // The idle timeout, mid-body.
        throw new ApiTimeoutException("reading the response timed out: " + e.getMessage(), e);
      }
      throw new ApiConnectionException("reading the response failed: " + e, e);
    }
  }

  /**
   * Prepares a streamed call of a request. Nothing is sent yet: the request goes out when the
   * stream is first read; see {@link MessageStream}.
   *
   * @param request the request, sent with {@code "stream": true} added
   * @return a stream to read once and then close; closing it before reading sends nothing
   */
  public MessageStream stream(MessageRequest request) {
    ObjectNode body = MessageCodec.writeRequest(request, true);
    return RealMessageStream.open(caller, httpRequest(messagesUrl, body, request, true), limits);
  }

  /**
   * Returns a stream that reads server-sent events from {@code body}, such as a recorded stream
   * in a file, within the default {@link StreamLimits}. No request is sent. Closing the stream
   * closes {@code body}.
   *
   * @param body the bytes of a {@code text/event-stream} response, read as UTF-8
   * @return a stream to read once and then close; its {@link MessageStream#requestId()} is null
   */
  public static MessageStream streamOf(InputStream body) {
    return streamOf(body, StreamLimits.DEFAULTS);
  }

  /**
   * Returns a stream that reads server-sent events from {@code body} within bounds of its own, such
   * as to replay a recorded response larger than the defaults allow. No request is sent. Closing
   * the stream closes {@code body}.
   *
   * @param body the bytes of a {@code text/event-stream} response, read as UTF-8
   * @param limits the bounds the stream is held to
   * @return a stream to read once and then close; its {@link MessageStream#requestId()} is null
   */
  public static MessageStream streamOf(InputStream body, StreamLimits limits) {
    return RealMessageStream.of(
        Objects.requireNonNull(body, "body == null"),
        Objects.requireNonNull(limits, "limits == null"));
  }

  private Request httpRequest(
      HttpUrl url, ObjectNode json, MessageRequest request, boolean stream) {
    byte[] body = Json.MAPPER.writeValueAsBytes(json);
    Request.Builder http =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(body, JSON))
            .header("content-type", "application/json");
    return withHeaders(http, request.headerBetas(betas), stream).build();
  }

  /** Adds the headers every call sends: version, accept, user agent, credentials, betas. */
  private Request.Builder withHeaders(Request.Builder http, List<String> allBetas, boolean stream) {
    http.header("anthropic-version", "2023-06-01")
        .header("accept", stream ? "text/event-stream" : "application/json")
        .header("user-agent", ClientVersion.USER_AGENT);
    if (apiKey != null) {
      http.header("x-api-key", apiKey);
    }
    if (authToken != null) {
      http.header("authorization", "Bearer " + authToken);
    }
    if (!allBetas.isEmpty()) {
      http.header("anthropic-beta", String.join(",", allBetas));
    }
    return http;
  }

  /**
   * Returns the API's address this client sends to, without any user name or password it holds.
   *
   * @return such as {@code https://api.anthropic.com/}
   */
  public String baseUrl() {
    return publicBaseUrl;
  }

  @Override
  public String toString() {
    return "MessagesClient{baseUrl="
        + settings.baseUrl
        + ", credentials="
        + (apiKey != null ? "api key" : authToken != null ? "auth token" : "none")
        + ", maxRetries="
        + settings.maxRetries
        + "}";
  }

  /** Configures a {@link MessagesClient}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String apiKey;
    private @Nullable String authToken;
    private String baseUrl = DEFAULT_BASE_URL;
    private final List<String> betas = new ArrayList<>();
    private int maxRetries = 2;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofMinutes(10);
    private @Nullable Duration deadline;
    private @Nullable OkHttpClient okHttpClient;
    private RetryClock retryClock = RetryClock.SYSTEM;
    private StreamLimits limits = StreamLimits.DEFAULTS;

    Builder() {}

    Builder(Builder other) {
      apiKey = other.apiKey;
      authToken = other.authToken;
      baseUrl = other.baseUrl;
      betas.addAll(other.betas);
      maxRetries = other.maxRetries;
      connectTimeout = other.connectTimeout;
      idleTimeout = other.idleTimeout;
      deadline = other.deadline;
      okHttpClient = other.okHttpClient;
      retryClock = other.retryClock;
      limits = other.limits;
    }

    /**
     * Sets the API key, sent as {@code x-api-key}. It is taken as given, not trimmed (see {@link
     * MessagesClient#fromEnv(Function)} for that).
     *
     * @throws IllegalArgumentException if the key is empty or holds a character no header can
     *     carry: anything but printable ASCII, such as a space, a no-break space, a line break, a
     *     control character or a typographic quote. The message names the kind of character, its
     *     code point and its position, and never the key.
     * @param apiKey the key, {@code sk-ant-…}; replaces one set before
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey == null");
      this.apiKey = Secrets.checkHeaderValue("the API key", apiKey);
      return this;
    }

    /**
     * Sets an OAuth token, sent as {@code Authorization: Bearer}. It is taken as given, not trimmed.
     *
     * @param authToken the token, without {@code Bearer}; replaces one set before, and is sent
     *     beside an API key if both are set
     * @return this builder
     * @throws IllegalArgumentException as {@link #apiKey(String)} does, naming "the auth token"
     */
    public Builder authToken(String authToken) {
      Objects.requireNonNull(authToken, "authToken == null");
      this.authToken = Secrets.checkHeaderValue("the auth token", authToken);
      return this;
    }

    /**
     * Sends requests elsewhere than the real API, such as to a proxy or a test server.
     *
     * @param baseUrl an http or https URL, such as {@code http://localhost:8080}; {@code
     *     v1/messages} is appended to its path; {@link #DEFAULT_BASE_URL} by default
     * @return this builder
     * @throws IllegalArgumentException if {@code baseUrl} is not an http or https URL
     */
    public Builder baseUrl(String baseUrl) {
      if (HttpUrl.parse(baseUrl) == null) {
        throw new IllegalArgumentException(
            "base URL \""
                + baseUrl
                + "\" is not an http or https URL, such as "
                + DEFAULT_BASE_URL);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Turns on a beta feature for every request of the client.
     *
     * @param beta the feature's name, sent in {@code anthropic-beta} together with the request's
     *     own betas, each name once
     * @return this builder
     */
    public Builder addBeta(String beta) {
      betas.add(Objects.requireNonNull(beta, "beta == null"));
      return this;
    }

    /**
     * Sets how many times a failed request is retried (see {@link MessagesClient} for which are).
     *
     * @param maxRetries the retries after the first attempt: 2 by default, 0 to never retry
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRetries} is negative
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Limits the time one attempt may take to connect; a timed-out attempt is retried.
     *
     * @param timeout the limit, positive; 10 seconds by default; at most {@link #MAX_TIME_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the most time a call may wait for a byte, for its response and then in each read of
     * its body; 10 minutes by default. It never cuts a stream that keeps sending, and neither the
     * time spent sending the request nor the time the caller spends between reads (in a listener,
     * say) is counted. A call it cuts fails with a message that says "no byte arrived for N ms
     * (idleTimeout)": mid-stream an {@link dev.toolstream.errors.IncompleteStreamException}
     * holding what arrived; before the response, after the retries a lost connection has, or in
     * the body of a {@link MessagesClient#create create} call, an {@link ApiTimeoutException}.
     * The library's one timer thread, "toolstream-watchdog", times the calls of every client,
     * with one task per quiet spell rather than a wake-up per read.
     *
     * @param timeout the limit, positive, also bounding each write while the request is sent; at
     *     most {@link #MAX_TIME_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * Sets an overall deadline for each call: every attempt, every wait between attempts and the
     * whole body or stream; none by default. When it passes the call ends with an {@link
     * ApiTimeoutException}, mid-stream too (its cause then holds the partial message), and a
     * retry whose wait would pass it is not waited for: the call fails at once.
     *
     * @param deadline the time a call may take from its start, positive, at most {@link
     *     #MAX_TIME_LIMIT}; null for none
     * @return this builder
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public Builder deadline(@Nullable Duration deadline) {
      this.deadline = deadline == null ? null : positive(deadline, "deadline");
      return this;
    }

    /** Sets the clock and sleeper of retries, the deadline and the idle timeout; for tests here. */
    Builder retryClock(RetryClock retryClock) {
      this.retryClock = Objects.requireNonNull(retryClock, "retryClock == null");
      return this;
    }

    /**
     * Sets the OkHttp client to send with, for its connection pool, proxy or interceptors. The
     * timeouts above are applied to a derived client that shares its pool.
     *
     * @param okHttpClient the client to derive from; its connect, read and write timeouts and its
     *     retry on connection failure are replaced, and this library never shuts it down
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /**
     * Sets the bounds on what a response may make the client hold in memory; {@link
     * StreamLimits#DEFAULTS} by default. A stream that crosses one fails with a {@link
     * MalformedStreamException}.
     *
     * @param limits the bounds, such as {@code StreamLimits.DEFAULTS.newBuilder()
     *     .maxMessageBytes(256 << 20).build()}
     * @return this builder
     */
    public Builder limits(StreamLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits == null");
      return this;
    }

    /**
     * Checks the credentials and makes the client.
     *
     * @return an immutable, thread-safe client; later changes to this builder do not reach it
     * @throws IllegalStateException if neither an API key nor an auth token is set
     * @throws IllegalArgumentException if the key or token cannot be sent as a header (see {@link
     *     #apiKey(String)})
     */
    public MessagesClient build() {
      if (apiKey == null && authToken == null) {
        throw new IllegalStateException(
            "no credentials: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or call apiKey(...)");
      }
      // Checked again here so that no path to a client skips the check.
      if (apiKey != null) {
        Secrets.checkHeaderValue("the API key", apiKey);
      }
      if (authToken != null) {
        Secrets.checkHeaderValue("the auth token", authToken);
      }
      return new MessagesClient(this);
    }

    /** Returns {@code duration} if it is positive, {@link #MAX_TIME_LIMIT} if it is longer. */
    private static Duration positive(Duration duration, String name) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      return duration.compareTo(MAX_TIME_LIMIT) > 0 ? MAX_TIME_LIMIT : duration;
    }
  }
}
