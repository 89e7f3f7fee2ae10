package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.HttpRequest;
import dev.toolstream.testkit.internal.Json;
import dev.toolstream.testkit.internal.LoopbackServer;
import dev.toolstream.testkit.internal.Response;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Records each request, asks the script for its reply and renders the reply as the API's bytes.
 * Thread-safe: the script runs under one lock, so requests are answered in order of arrival.
 */
final class Dispatcher implements LoopbackServer.Handler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
  private static final String JSON = "application/json";

  private static final String COUNT_TOKENS = "/v1/messages/count_tokens";
  private static final String MODELS = "/v1/models/";

  private final Script script;
  private final LineEnding lineEnding;
  private final ToIntFunction<RecordedRequest> tokenCounter;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> countTokensRequests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();

  Dispatcher(Script script, LineEnding lineEnding, ToIntFunction<RecordedRequest> tokenCounter) {
    this.script = script;
    this.lineEnding = lineEnding;
    this.tokenCounter = tokenCounter;
  }

  List<RecordedRequest> countTokensRequests() {
    return List.copyOf(countTokensRequests);
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  BlockingQueue<RecordedRequest> untaken() {
    return untaken;
  }

  @Override
  public Response respond(HttpRequest request) {
    byte[] body = request.body();
    if (body == null) {
      return tooLarge(request);
    }
    String target = request.target().split("\\?", 2)[0];
    if (request.method().equals("POST") && target.equals(COUNT_TOKENS)) {
      return countTokens(request, body);
    }
    if (request.method().equals("GET")
        && target.startsWith(MODELS)
        && target.length() > MODELS.length()
        && target.indexOf('/', MODELS.length()) < 0) {
      return model(target.substring(MODELS.length()));
    }
    Reply reply;
    RecordedRequest recorded;
    synchronized (this) {
      recorded = RecordedRequest.of(request, body, requests.size() + 1);
      requests.add(recorded);
      untaken.add(recorded);
      reply = replyTo(recorded);
    }
    String requestId = "req_scripted_" + recorded.sequenceNumber();
    try {
      return render(reply, recorded, requestId);
    } catch (IllegalStateException e) {
      return error(scriptFailure(recorded, e), requestId);
    }
  }

  /**
   * Refuses a request over the API's size limit as the API does, before it reaches a script: it
   * is not recorded, and its body was never kept.
   */
  private static Response tooLarge(HttpRequest request) {
    log.warn(
        "ScriptedClaude refused {} {} with 413 request_too_large: its body is over the API's limit"
            + " of 32 MB",
        request.method(),
        request.target());
    return error(ErrorReply.of(413), "req_scripted_too_large");
  }

  /**
   * Answers a token count without asking the script, so that counting never uses up a scripted
   * reply, and records it apart from the Messages requests.
   */
  private Response countTokens(HttpRequest request, byte[] body) {
    RecordedRequest recorded;
    synchronized (countTokensRequests) {
      recorded = RecordedRequest.of(request, body, countTokensRequests.size() + 1);
      countTokensRequests.add(recorded);
    }
    String requestId = "req_scripted_count_" + recorded.sequenceNumber();
    int count;
    try {
      count = tokenCounter.applyAsInt(recorded);
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      log.warn("ScriptedClaude's token counter failed on {}", recorded, e);
      return error(
          ErrorReply.of(500, "api_error", "ScriptedClaude's token counter failed: " + e)
              .shouldRetry(false),
          requestId);
    }
    String answer =
        Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().put("input_tokens", count));
    return Response.fixed(200, headers(JSON, requestId), utf8(answer));
  }

  /**
   * Answers {@code GET /v1/models/{id}} for any id, as the API does for a model it knows: the id
   * echoed, with a display name and a release date. Not recorded, and never asks the script.
   */
  private Response model(String id) {
    String body =
        Json.MAPPER.writeValueAsString(
            Json.MAPPER
                .createObjectNode()
                .put("type", "model")
                .put("id", id)
                .put("display_name", id)
                .put("created_at", "2025-01-01T00:00:00Z"));
    return Response.fixed(200, headers(JSON, "req_scripted_model"), utf8(body));
  }

  /**
   * Estimates a request's input tokens as the API's counter would roughly: one token per four
   * characters of the JSON of its system prompt, tools and messages, at least one. Deterministic,
   * and growing with the conversation, which is what a test of a budget needs.
   */
  static int estimateTokens(RecordedRequest request) {
    long characters = 0;
    for (String field : List.of("system", "tools", "messages")) {
      JsonNode value = request.body().get(field);
      if (value != null) {
        characters += Json.MAPPER.writeValueAsString(value).length();
      }
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (characters + 3) / 4));
  }

  private Reply replyTo(RecordedRequest request) {
    String path = request.path().split("\\?", 2)[0];
    if (!request.method().equals("POST") || !path.equals("/v1/messages")) {
      return ErrorReply.of(
          404,
          "not_found_error",
          "ScriptedClaude serves POST /v1/messages, /v1/messages/count_tokens and GET"
              + " /v1/models/{id} only, not "
              + request.method()
              + " "
              + request.path()
              + "; point the client's base URL at baseUrl()");
    }
    try {
      Reply reply = script.reply(request);
      if (reply == null) {
        throw new IllegalStateException("the script returned null; return a Reply");
      }
      return reply;
    } catch (RuntimeException | Error e) {
      rethrowIfFatal(e);
      log.warn("ScriptedClaude's script failed on request {}", request.sequenceNumber(), e);
      return scriptFailure(request, e);
    }
  }

  /**
   * Rethrows what the JVM cannot recover from. Anything else a test's script or counter throws,
   * above all an {@link AssertionError} from an assertion inside it, is answered as an error: a
   * dropped connection would hide the failure behind a client's retries and "unexpected end of
   * stream".
   */
  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError) {
      throw (VirtualMachineError) e;
    }
  }

  private static ErrorReply scriptFailure(RecordedRequest request, Throwable e) {
    return ErrorReply.of(
            500,
            "api_error",
            "ScriptedClaude's script failed on request " + request.sequenceNumber() + ": " + e)
        .shouldRetry(false);
  }

  private Response render(Reply reply, RecordedRequest request, String requestId) {
    if (reply instanceof ErrorReply) {
      return error((ErrorReply) reply, requestId);
    } else if (reply instanceof RawReply) {
      RawReply raw = (RawReply) reply;
      List<Map.Entry<String, String>> headers = headers(raw.contentType(), requestId);
      headers.addAll(raw.headers());
      return Response.streamed(
          raw.status(),
          headers,
          List.of(new Response.Frame(raw.body(), false)),
          raw.abruptEnd() ? Response.Ending.DISCONNECT : Response.Ending.COMPLETE,
          -1);
    }
    Turn turn = (Turn) reply;
    JsonNode model = request.body().path("model");
    String modelName = model.isString() ? model.stringValue() : TurnEncoder.DEFAULT_MODEL;
    int n = request.sequenceNumber();
    if (!request.isStreaming()) {
      String message = Json.MAPPER.writeValueAsString(TurnEncoder.message(turn, n, modelName));
      return Response.fixed(200, headers(JSON, requestId), utf8(message));
    }
    TurnEncoder.Stream stream = TurnEncoder.stream(turn, n, modelName, lineEnding);
    List<Map.Entry<String, String>> headers = headers(EVENT_STREAM, requestId);
    headers.add(header("cache-control", "no-cache"));
    return Response.streamed(200, headers, stream.frames(), stream.ending(), stream.byteLimit());
  }

  private static Response error(ErrorReply reply, String defaultRequestId) {
    String chosen = reply.requestId();
    String requestId = chosen != null ? chosen : defaultRequestId;
    List<Map.Entry<String, String>> headers = headers(JSON, requestId);
    headers.addAll(reply.headers());
    return Response.fixed(reply.status(), headers, utf8(reply.toJson(requestId)));
  }

  private static List<Map.Entry<String, String>> headers(String contentType, String requestId) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(header("content-type", contentType));
    headers.add(header("request-id", requestId));
    return headers;
  }

  private static Map.Entry<String, String> header(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
