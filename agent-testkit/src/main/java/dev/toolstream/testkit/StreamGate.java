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
   * Waits up to {@code timeout} until a stream has flushed everything before the gate and waits at
   * it; returns whether one did.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitReached(Duration timeout) throws InterruptedException {
    return hold.awaitReached(timeout);
  }

  /** Returns whether a stream has reached the gate. */
  public boolean isReached() {
    return hold.isReached();
  }

  /** Opens the gate: streams waiting at it go on, and later ones pass straight through. */
  public void open() {
    hold.open();
  }

  /** Returns whether the gate is open. */
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
