package dev.toolstream.examples.weather.web;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client asks to stream: the conversation to run, read from {@code GET /stream?prompt=…}
 * or from a {@code POST /stream} body of {@code {"prompt": "…"}} or {@code {"messages": […]}}
 * (text content only, ending with a user message). The last user message may hold at most the
 * server's maximum prompt length, in code points.
 *
 * @param history the messages to run, ending with the user's
 */
record StreamRequest(List<MessageParam> history) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  StreamRequest {
    history = List.copyOf(history);
  }

  /** Reads {@code prompt} from a raw query string. */
  static StreamRequest fromQuery(@Nullable String rawQuery, int maxPromptLength)
      throws Rejection {
    String prompt = null;
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && decode(pair.substring(0, eq)).equals("prompt")) {
          prompt = decode(pair.substring(eq + 1));
        }
      }
    }
    return new StreamRequest(List.of(MessageParam.user(checkPrompt(prompt, maxPromptLength))));
  }

  /** Reads a JSON body of at most {@code maxBodyBytes} bytes. */
  static StreamRequest fromJson(InputStream body, int maxBodyBytes, int maxPromptLength)
      throws Rejection, IOException {
    byte[] bytes = body.readNBytes(maxBodyBytes + 1);
    if (bytes.length > maxBodyBytes) {
      throw Rejection.tooLarge(
          "the request body is over " + maxBodyBytes + " bytes; send a shorter conversation");
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw Rejection.badRequest(
          "the body is not JSON (" + e.getOriginalMessage() + "); send {\"prompt\": \"…\"}");
    }
    if (json == null || !json.isObject()) {
      throw Rejection.badRequest("send a JSON object: {\"prompt\": \"…\"} or {\"messages\": […]}");
    }
    if (json.has("messages")) {
      return new StreamRequest(messages(json.get("messages"), maxPromptLength));
    }
    JsonNode prompt = json.path("prompt");
    return new StreamRequest(
        List.of(
            MessageParam.user(
                checkPrompt(prompt.isString() ? prompt.stringValue() : null, maxPromptLength))));
  }

  private static List<MessageParam> messages(JsonNode messages, int maxPromptLength)
      throws Rejection {
    if (!messages.isArray() || messages.isEmpty()) {
      throw Rejection.badRequest(
          "\"messages\" must be a non-empty array ending with a user message");
    }
    List<MessageParam> history = new ArrayList<>();
    for (JsonNode message : messages) {
      String role = message.path("role").asString("");
      String text = text(message.path("content"));
      if (role.equals("user")) {
        history.add(MessageParam.user(text));
      } else if (role.equals("assistant")) {
        history.add(MessageParam.assistant(text));
      } else {
        throw Rejection.badRequest(
            "each message needs \"role\": \"user\" or \"assistant\", not \"" + role + "\"");
      }
    }
    MessageParam last = history.get(history.size() - 1);
    if (last.role() != Role.USER) {
      throw Rejection.badRequest("the last message must be the user's; add the question");
    }
    checkPrompt(((ContentBlock.Text) last.content().get(0)).text(), maxPromptLength);
    return history;
  }

  /** Returns the text of a string content or a list of text blocks. */
  private static String text(JsonNode content) throws Rejection {
    if (content.isString()) {
      return content.stringValue();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode block : content) {
        if (!block.path("type").asString("").equals("text") || !block.path("text").isString()) {
          throw Rejection.badRequest(
              "only text content is accepted here: {\"type\": \"text\", \"text\": \"…\"}");
        }
        text.append(block.path("text").stringValue());
      }
      return text.toString();
    }
    throw Rejection.badRequest("each message needs \"content\": a string or text blocks");
  }

  private static String checkPrompt(@Nullable String prompt, int maxPromptLength)
      throws Rejection {
    if (prompt == null || prompt.isBlank()) {
      throw Rejection.badRequest(
          "the prompt is empty; ask a question, e.g."
              + " /stream?prompt=What's+the+weather+in+Tokyo%3F");
    }
    int length = prompt.codePointCount(0, prompt.length());
    if (length > maxPromptLength) {
      throw Rejection.tooLarge(
          "the prompt has "
              + length
              + " characters, over this server's limit of "
              + maxPromptLength
              + "; shorten it");
    }
    return prompt;
  }

  private static String decode(String text) throws Rejection {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Rejection.badRequest("the query is not URL-encoded properly: " + e.getMessage());
    }
  }
}
