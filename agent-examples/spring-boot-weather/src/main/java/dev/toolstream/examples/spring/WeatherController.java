package dev.toolstream.examples.spring;

import dev.toolstream.agent.Agent;
import dev.toolstream.examples.weather.web.Page;
import dev.toolstream.spring.boot.AgentSse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The page and its stream: {@code GET /} serves agent-examples' page with its
 * Content-Security-Policy, {@code GET /stream?prompt=…} streams the answer as the page expects.
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
    if (prompt.isBlank()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "the prompt is empty; ask a question, e.g. /stream?prompt=Tokyo");
    }
    if (prompt.codePointCount(0, prompt.length()) > WeatherConfiguration.MAX_PROMPT_LENGTH) {
      throw new ResponseStatusException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "the prompt is over " + WeatherConfiguration.MAX_PROMPT_LENGTH + " characters");
    }
    return sse.stream(agent, prompt);
  }
}
