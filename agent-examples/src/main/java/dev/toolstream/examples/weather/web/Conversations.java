package dev.toolstream.examples.weather.web;

import com.sun.net.httpserver.HttpExchange;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.sse.RunEvents;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.RunRecord;
import dev.toolstream.store.RunStep;
import dev.toolstream.store.RunStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each browser's conversation, kept in a {@link DurableAgent}'s store: the browser holds only its
 * id, in an {@code HttpOnly}, {@code SameSite=Strict} cookie, and {@code GET /conversation} returns
 * the conversation's messages so that a reloaded page shows them. Thread-safe.
 *
 * <p>The id is 128 random bits, so it is as hard to guess as a session id; it is the only key to
 * the conversation.
 */
final class Conversations {
  /** The cookie that holds a browser's conversation id. */
  static final String COOKIE = "toolstream_conversation";

  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DurableAgent agent;
  private final SecureRandom random = new SecureRandom();

  Conversations(DurableAgent agent) {
    this.agent = agent;
  }

  /** Returns the durable agent that runs and keeps the conversations. */
  DurableAgent agent() {
    return agent;
  }

  /**
   * Returns the request's conversation id, or a new one set as the response's cookie when it has
   * none (or one this server never hands out). Call before the response's headers are sent.
   */
  String idFor(HttpExchange exchange) {
    String id = cookie(exchange);
    if (id == null) {
      byte[] bits = new byte[16];
      random.nextBytes(bits);
      id = HexFormat.of().formatHex(bits);
      exchange
          .getResponseHeaders()
          .add("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
    }
    return id;
  }

  /**
   * Answers {@code GET /conversation}: {@code {"messages": [{"role", "text", "tool_calls",
   * "tool_results"}], "answering"}}, each message's text blocks joined, its calls as {@code
   * {"id", "name", "input"}} and its results as {@code {"id", "is_error", "content"}} (content cut
   * as in the {@code tool_result} event). While a run of the conversation has not ended (another
   * tab's, or one a restarted server is finishing), {@code answering} is true and the messages end
   * with what that run has saved so far, each marked {@code "pending": true}. A browser without a
   * conversation gets a new, empty one.
   */
  void serve(HttpExchange exchange) throws IOException {
    String id = idFor(exchange);
    RunStore store = agent.store();
    // The open run is looked for before and after the finished messages are read. When both looks
    // agree, a run open at the second had not ended at the read, so it shows once, pending; a run
    // that ended in between makes them disagree, and the messages are read again, with it.
    Optional<RunRecord> open = store.openRun(id);
    List<MessageParam> messages;
    while (true) {
      messages = store.conversation(id);
      Optional<RunRecord> after = store.openRun(id);
      if (after.map(RunRecord::runId).equals(open.map(RunRecord::runId))) {
        break;
      }
      open = after;
    }
    ObjectNode body = NODES.objectNode();
    ArrayNode list = body.putArray("messages");
    for (MessageParam message : messages) {
      list.add(summary(message));
    }
    if (open.isPresent()) {
      String runId = open.get().runId();
      for (MessageParam message : RunStep.messages(runId, store.steps(runId))) {
        list.add(summary(message).put("pending", true));
      }
    }
    body.put("answering", open.isPresent());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    Responses.send(
        exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
  }

  private static ObjectNode summary(MessageParam message) {
    ObjectNode node = NODES.objectNode().put("role", message.role().wireName());
    StringBuilder text = new StringBuilder();
    ArrayNode calls = NODES.arrayNode();
    ArrayNode results = NODES.arrayNode();
    for (ContentBlock block : message.content()) {
      if (block instanceof ContentBlock.Text part) {
        text.append(text.length() == 0 || part.text().isEmpty() ? "" : "\n\n").append(part.text());
      } else if (block instanceof ContentBlock.ToolUse call) {
        ObjectNode each = calls.addObject().put("id", call.id()).put("name", call.name());
        each.set("input", call.input());
      } else if (block instanceof ContentBlock.ToolResult result) {
        results
            .addObject()
            .put("id", result.toolUseId())
            .put("is_error", result.isError())
            .put("content", RunEvents.abbreviate(resultText(result)));
      }
    }
    node.put("text", text.toString());
    node.set("tool_calls", calls);
    node.set("tool_results", results);
    return node;
  }

  private static String resultText(ContentBlock.ToolResult result) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : result.content()) {
      if (block instanceof ContentBlock.Text part) {
        text.append(part.text());
      }
    }
    return text.toString();
  }

  private static @Nullable String cookie(HttpExchange exchange) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0
            && pair.substring(0, equals).strip().equals(COOKIE)
            && ID.matcher(pair.substring(equals + 1).strip()).matches()) {
          return pair.substring(equals + 1).strip();
        }
      }
    }
    return null;
  }
}
