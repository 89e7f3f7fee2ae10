package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The history one turn's tool calls see: the messages sent, shared by every call, and the blocks
 * of the reply as they complete. A call remembers how many blocks there were when it was made and
 * gets its view on demand. The loop's thread appends; handlers' threads read. Thread-safe.
 */
final class TurnHistory {
  private final List<MessageParam> before;
  private ContentBlock[] blocks = new ContentBlock[8]; // Guarded by this.
  private int size; // Guarded by this.

  TurnHistory(List<MessageParam> before) {
    this.before = before;
  }

  /** Returns the messages sent for this turn. */
  List<MessageParam> before() {
    return before;
  }

  /** Adds a completed block of the reply. */
  synchronized void add(ContentBlock block) {
    if (size == blocks.length) {
      blocks = Arrays.copyOf(blocks, size * 2);
    }
    blocks[size++] = block;
  }

  /** Returns how many blocks of the reply have completed. */
  synchronized int blockCount() {
    return size;
  }

  /** Returns the messages sent and the reply as far as its first {@code count} blocks. */
  List<MessageParam> upTo(int count) {
    List<ContentBlock> reply;
    synchronized (this) {
      reply = List.of(Arrays.copyOf(blocks, count));
    }
    List<MessageParam> history = new ArrayList<>(before.size() + 1);
    history.addAll(before);
    history.add(MessageParam.assistant(reply));
    return List.copyOf(history);
  }
}
