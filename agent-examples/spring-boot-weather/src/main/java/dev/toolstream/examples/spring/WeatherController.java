package dev.toolstream.examples.spring;

import dev.toolstream.agent.Agent;
import dev.toolstream.examples.weather.web.Page;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.spring.boot.AgentSse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The page and its stream: {@code GET /} serves agent-examples' page with its
 * Content-Security-Policy, {@code GET /stream?prompt=…} streams the answer as the page expects,
 * and {@code POST /stream} with {@code {"prompt": "…"}} or {@code {"messages": [{"role",
 * "content"}, …]}} (as the page sends its conversation) does the same for a question and the
 * exchanges before it.
 */
@RestController
public class WeatherController {
  private final Agent agent;
  private final AgentSse sse;
  private final Page page;

  /** Serves {@code page}, streaming {@code agent}'s runs through {@code sse}. */
  public WeatherController(Agent agent, AgentSse sse, Page page) {
    this.agent = agent;
    this.sse = sse;
    this.page = page;
  }

  /** Returns the page. */
  @GetMapping("/")
  public ResponseEntity<byte[]> page() {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noCache())
        .header("Content-Security-Policy", page.contentSecurityPolicy())
        .body(page.html());
  }

  /**
   * Streams the answer to {@code prompt}.
   *
   * @throws ResponseStatusException 400 for an empty prompt, 413 for one over the limit
   */
  @GetMapping("/stream")
  public SseEmitter stream(@RequestParam(defaultValue = "") String prompt) {
    check(prompt);
    return sse.stream(agent, prompt);
  }

  /**
   * A question to stream, alone or as the last of a conversation.
   *
   * @param prompt the question, when there is no conversation
   * @param messages the conversation, ending with the user's question
   */
  public record Ask(@Nullable String prompt, @Nullable List<Said> messages) {}

  /**
   * One message of a conversation.
   *
   * @param role {@code user} or {@code assistant}
   * @param content its text
   */
  public record Said(@Nullable String role, @Nullable String content) {}

  /**
   * Streams the answer to a question, continuing the conversation before it.
   *
   * @throws ResponseStatusException 400 for an empty question or a malformed conversation, 413
   *     for a question over the limit
   */
  @PostMapping(value = "/stream", consumes = MediaType.APPLICATION_JSON_VALUE)
  public SseEmitter stream(@RequestBody Ask ask) {
    List<Said> conversation =
        ask.messages() == null || ask.messages().isEmpty()
            ? List.of(new Said("user", ask.prompt()))
            : ask.messages();
    List<MessageParam> history = new ArrayList<>();
    for (Said said : conversation) {
      String text = said.content() == null ? "" : said.content();
      if ("user".equals(said.role())) {
        history.add(MessageParam.user(text));
      } else if ("assistant".equals(said.role())) {
        history.add(MessageParam.assistant(text));
      } else {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST, "each message needs \"role\": \"user\" or \"assistant\"");
      }
    }
    Said last = conversation.get(conversation.size() - 1);
    if (!"user".equals(last.role())) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "the last message must be the user's; add the question");
    }
    check(last.content() == null ? "" : last.content());
    return sse.stream(agent, history);
  }

  private static void check(String prompt) {
    if (prompt.isBlank()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "the prompt is empty; ask a question, e.g. /stream?prompt=Tokyo");
    }
    if (prompt.codePointCount(0, prompt.length()) > WeatherConfiguration.MAX_PROMPT_LENGTH) {
      throw new ResponseStatusException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "the prompt is over " + WeatherConfiguration.MAX_PROMPT_LENGTH + " characters");
    }
  }
}
