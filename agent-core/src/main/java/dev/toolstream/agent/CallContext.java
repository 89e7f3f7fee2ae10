package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What one handler sees of its call. The history is built from the turn's shared snapshot only if
 * the handler asks for it, so that a turn of many calls costs memory linear in their number.
 */
final class CallContext implements ToolContext {
  private final ContentBlock.ToolUse call;
  private final TurnHistory history;
  private final int blocks;
  private final BooleanSupplier stopped;
  private final RunControl control;
  private volatile @Nullable List<MessageParam> built;

  CallContext(
      ContentBlock.ToolUse call, TurnHistory history, BooleanSupplier stopped, RunControl control) {
    this.call = call;
    this.history = history;
    this.blocks = history.blockCount();
    this.stopped = stopped;
    this.control = control;
  }

  @Override
  public String toolUseId() {
    return call.id();
  }

  @Override
  public String toolName() {
    return call.name();
  }

  @Override
  public List<MessageParam> history() {
    List<MessageParam> result = built;
    if (result == null) {
      result = history.upTo(blocks);
      built = result;
    }
    return result;
  }

  @Override
  public boolean isCancelled() {
    return stopped.getAsBoolean() || control.isCancelled();
  }
}
