package dev.toolstream.spring.boot.internal;

import dev.toolstream.store.ConversationBusyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a {@link ConversationBusyException} that a controller lets through with {@code 409
 * Conflict} and a problem detail ({@code application/problem+json}) that names the conversation
 * and the run in the way, rather than a 500: the client asked while the conversation's last
 * question was still being answered. Last in order, so a handler of the application's own wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ConversationBusyAdvice {
  /** Made by Spring Boot. */
  public ConversationBusyAdvice() {}

  /**
   * Returns the 409.
   *
   * @param busy what the store refused
   * @return the problem detail: title, the store's sentence, {@code conversationId} and {@code
   *     runId}
   */
  @ExceptionHandler(ConversationBusyException.class)
  public ResponseEntity<ProblemDetail> conversationBusy(ConversationBusyException busy) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, busy.getMessage());
    problem.setTitle("Conversation busy");
    problem.setProperty("conversationId", busy.conversationId());
    problem.setProperty("runId", busy.run().runId());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }
}
