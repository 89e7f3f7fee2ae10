package dev.toolstream.spring.boot.readme;

import dev.toolstream.agent.Agent;
import dev.toolstream.spring.boot.AgentSse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

// region spring-controller
@RestController
public class AskController {
  private final Agent agent;
  private final AgentSse sse;

  public AskController(Agent agent, AgentSse sse) {
    this.agent = agent;
    this.sse = sse;
  }

  /** The whole answer at once. */
  @GetMapping("/answer")
  public String answer(@RequestParam String prompt) {
    return agent.run(prompt).text();
  }

  /** The answer as it is written: text, tool_call, tool_result, …, then done or error events. */
  @GetMapping("/ask")
  public SseEmitter ask(@RequestParam String prompt) {
    return sse.stream(agent, prompt);
  }
}
// endregion
