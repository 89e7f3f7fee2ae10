package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.HttpRequest;
import dev.toolstream.testkit.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One request the scripted Claude received, as it arrived: method, path, headers and body, with
 * helpers that read the Messages API request inside. Immutable and thread-safe.
 */
public final class RecordedRequest {
  private final int sequenceNumber;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final String bodyText;
  private final JsonNode body;

  private RecordedRequest(
      int sequenceNumber,
      String method,
      String path,
      Map<String, List<String>> headers,
      String bodyText,
      JsonNode body) {
    this.sequenceNumber = sequenceNumber;
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.bodyText = bodyText;
    this.body = body;
  }

  static RecordedRequest of(HttpRequest request, byte[] body, int sequenceNumber) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> header : request.headers()) {
      headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue());
    }
    headers.replaceAll((name, values) -> List.copyOf(values));
    String text = new String(body, StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = text.isEmpty() ? MissingNode.getInstance() : Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      json = MissingNode.getInstance();
    }
    return new RecordedRequest(
        sequenceNumber,
        request.method(),
        request.target(),
        Collections.unmodifiableMap(headers),
        text,
        json);
  }

  /**
   * Returns the request's place among those this server received.
   *
   * @return 1 for the first request, 2 for the next, in order of arrival
   */
  public int sequenceNumber() {
    return sequenceNumber;
  }

  /**
   * Returns the HTTP method the client used.
   *
   * @return the method as sent, such as {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the request target the client asked for.
   *
   * @return the path and any query, such as {@code /v1/messages?beta=true}
   */
  public String path() {
    return path;
  }

  /**
   * Returns every header the client sent.
   *
   * @return an immutable map whose keys are compared without case; each value lists a header's
   *     values in the order sent
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns one header's value, for the common case of a header sent once.
   *
   * @param name the header name, in any case
   * @return the first value sent under {@code name}, or null if it was not sent
   */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  /**
   * Returns the body as the client sent it.
   *
   * @return the body decoded as UTF-8; empty if there was none
   */
  public String bodyText() {
    return bodyText;
  }

  /**
   * Returns the body parsed as JSON, for assertions on the request the client built.
   *
   * @return the JSON tree, or a missing node (never null) if the body was empty or not JSON
   */
  public JsonNode body() {
    return body;
  }

  /**
   * Tells whether the client asked for a streamed reply.
   *
   * @return {@code true} if the body holds {@code "stream": true}; {@code false} if it is absent or
   *     the body is not JSON
   */
  public boolean isStreaming() {
    return body.path("stream").asBoolean(false);
  }

  /**
   * Returns the conversation the client sent.
   *
   * @return a new list of the body's {@code messages} in order; empty if there are none
   */
  public List<JsonNode> messages() {
    List<JsonNode> messages = new ArrayList<>();
    body.path("messages").forEach(messages::add);
    return messages;
  }

  /**
   * Returns the last message whose role is {@code user}.
   *
   * @return the whole message, {@code role} and {@code content}
   * @throws IllegalStateException if the request holds no user message
   */
  public JsonNode lastUserMessage() {
    List<JsonNode> messages = messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asString(""))) {
        return messages.get(i);
      }
    }
    throw new IllegalStateException(
        "Request " + sequenceNumber + " holds no user message; its body was: " + bodyText);
  }

  /**
   * Returns the text of the last user message.
   *
   * @return its content if that is a string, else its {@code text} blocks concatenated; empty if it
   *     holds only other blocks, such as tool results
   * @throws IllegalStateException if the request holds no user message
   */
  public String lastUserText() {
    return text(lastUserMessage().path("content"));
  }

  /**
   * Returns the tool results the client sent back in its last user message.
   *
   * @return a new list of that message's {@code tool_result} blocks in order; empty if there are
   *     none or the request holds no user message
   */
  public List<JsonNode> toolResults() {
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode message : messages()) {
      if ("user".equals(message.path("role").asString(""))) {
        results.clear();
        for (JsonNode block : message.path("content")) {
          if ("tool_result".equals(block.path("type").asString(""))) {
            results.add(block);
          }
        }
      }
    }
    return results;
  }

  /**
   * Returns the names of the tools the request offers the model.
   *
   * @return a new list of the {@code tools[].name} values in order; empty if the request offers
   *     none
   */
  public List<String> toolNames() {
    List<String> names = new ArrayList<>();
    body.path("tools").forEach(tool -> names.add(tool.path("name").asString("")));
    return names;
  }

  /** Returns a content value's text: the string itself, or its {@code text} blocks joined. */
  static String text(JsonNode content) {
    if (content.isString()) {
      return content.stringValue();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asString(""))) {
        text.append(block.path("text").asString(""));
      }
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "RecordedRequest{#" + sequenceNumber + " " + method + " " + path + "}";
  }
}
