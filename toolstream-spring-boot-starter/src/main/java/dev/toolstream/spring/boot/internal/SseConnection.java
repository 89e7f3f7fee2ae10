package dev.toolstream.spring.boot.internal;

import dev.toolstream.sse.RunEvent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's Spring MVC event stream. The first send that fails, the stream's end by the server
 * (timeout, error, completion) and {@link #end()} all mark it gone: later sends are dropped, and
 * the actions given to {@link #whenGone} run once. Thread-safe: the emitter serializes writes.
 */
public final class SseConnection {
  private final SseEmitter emitter;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();

  /**
   * Watches {@code emitter}'s end.
   *
   * @param emitter the stream to write
   */
  public SseConnection(SseEmitter emitter) {
    this.emitter = emitter;
    emitter.onCompletion(() -> gone.complete(null));
    emitter.onError(error -> gone.complete(null));
  }

  /**
   * Writes {@code event}; a failed write marks the client gone.
   *
   * @param event the event
   */
  public void send(RunEvent event) {
    write(SseEmitter.event().name(event.name()).data(event.json(), MediaType.TEXT_PLAIN));
  }

  /**
   * Writes the comment {@code : text}, which clients skip; a failed write marks the client gone.
   *
   * @param text the comment
   */
  public void comment(String text) {
    write(SseEmitter.event().comment(text));
  }

  /**
   * Runs {@code action} once when the stream ends or a write fails, or at once if it has.
   *
   * @param action such as cancelling the run
   */
  public void whenGone(Runnable action) {
    gone.thenRun(action);
  }

  /** Ends the stream; later writes are dropped. */
  public void end() {
    if (!gone.isDone()) {
      emitter.complete();
    }
    gone.complete(null);
  }

  private void write(SseEmitter.SseEventBuilder event) {
    if (gone.isDone()) {
      return;
    }
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException e) {
      gone.complete(null); // The client left, or the stream already ended.
    }
  }
}
