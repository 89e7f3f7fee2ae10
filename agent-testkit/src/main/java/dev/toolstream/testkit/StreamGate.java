package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.Hold;
import java.time.Duration;

/**
 * A point in a scripted stream where the server waits until the test opens the gate: put it in a
 * turn with {@link Turn.Builder#hold(StreamGate)}. The server sends and flushes everything before
 * the gate, marks it reached and waits; a client that closes the stream meanwhile is seen as a
 * disconnect. Use it to look at a client mid-stream without sleeping:
 *
 * <pre>{@code
 * StreamGate gate = new StreamGate();
 * Turn turn = Turn.builder().text("Part one. ").hold(gate).text("Part two.").build();
 * ...
 * assertThat(gate.awaitReached(Duration.ofSeconds(5))).isTrue();
 * // the client has at most "Part one. " now
 * gate.open();
 * }</pre>
 *
 * <p>Thread-safe. Once open, a gate stays open, and every stream that reaches it later goes
 * straight on. An open is seen within about ten milliseconds.
 */
public final class StreamGate {
  private final Hold hold = new Hold();

  /** Returns a closed gate that no stream has reached yet. */
  public StreamGate() {}

  /**
   * Waits until a stream has flushed everything before the gate and waits at it. Returns at once if
   * a stream already has.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if a stream reached the gate, {@code false} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitReached(Duration timeout) throws InterruptedException {
    return hold.awaitReached(timeout);
  }

  /**
   * Tells whether a stream has reached the gate, without waiting.
   *
   * @return {@code true} once any stream has reached it, even if the gate has since opened
   */
  public boolean isReached() {
    return hold.isReached();
  }

  /** Opens the gate: streams waiting at it go on, and later ones pass straight through. */
  public void open() {
    hold.open();
  }

  /**
   * Tells whether the gate is open.
   *
   * @return {@code true} once {@link #open()} has been called; a gate never closes again
   */
  public boolean isOpen() {
    return hold.isOpen();
  }

  Hold hold() {
    return hold;
  }

  @Override
  public String toString() {
    return "StreamGate{" + (isOpen() ? "open" : isReached() ? "reached" : "closed") + "}";
  }
}
