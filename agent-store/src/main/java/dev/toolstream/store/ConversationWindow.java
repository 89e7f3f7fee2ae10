package dev.toolstream.store;

import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Which part of a long conversation to send to the model: the whole of it, its last turns, or as
 * many recent turns as fit a token budget.
 *
 * <p>A window always starts at a <em>turn</em>: a user message that holds no {@code tool_result}.
 * So it never separates a {@code tool_use} from its {@code tool_result}, never starts on a tool
 * result or an assistant message, and keeps every message it keeps whole, thinking blocks and
 * their signatures included; messages before the first turn are dropped by every window but
 * {@link #all()}. A window keeps at least the last turn, even when that alone is over the budget.
 * A history with no such user message is kept whole.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConversationWindow {
  private static final ConversationWindow ALL = new ConversationWindow(Integer.MAX_VALUE, -1, m -> 0);

  private final int turns;
  private final int tokens;
  private final ToIntFunction<MessageParam> estimator;

  private ConversationWindow(int turns, int tokens, ToIntFunction<MessageParam> estimator) {
    this.turns = turns;
    this.tokens = tokens;
    this.estimator = estimator;
  }

  /**
   * Keeps the whole conversation: the default.
   *
   * @return the window that drops nothing
   */
  public static ConversationWindow all() {
    return ALL;
  }

  /**
   * Keeps the last {@code turns} turns.
   *
   * @param turns how many turns, at least 1
   * @return the window
   */
  public static ConversationWindow lastTurns(int turns) {
    if (turns < 1) {
      throw new IllegalArgumentException("turns is " + turns + ": keep at least 1 turn");
    }
    return new ConversationWindow(turns, -1, m -> 0);
  }

  /**
   * Keeps as many recent turns as fit {@code tokens}, estimated as one token for every four
   * characters of each message's wire JSON: a rough, generous measure, not the model's tokenizer
   * (use {@code MessagesClient.countTokens} for exact counts, and a budget well under the
   * model's context window).
   *
   * @param tokens the budget, at least 1
   * @return the window
   */
  public static ConversationWindow tokenBudget(int tokens) {
    return tokenBudget(tokens, ConversationWindow::estimate);
  }

  /**
   * Keeps as many recent turns as fit {@code tokens}, as counted by {@code estimator}.
   *
   * @param tokens the budget, at least 1
   * @param estimator the tokens of one message
   * @return the window
   */
  public static ConversationWindow tokenBudget(int tokens, ToIntFunction<MessageParam> estimator) {
    if (tokens < 1) {
      throw new IllegalArgumentException("tokens is " + tokens + ": give a budget of at least 1");
    }
    return new ConversationWindow(Integer.MAX_VALUE, tokens, Objects.requireNonNull(estimator));
  }

  /**
   * Returns the index of the first message the window keeps.
   *
   * @param history the conversation, oldest message first
   * @return an index from 0 to the history's size; 0 keeps everything
   */
  public int start(List<MessageParam> history) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (startsTurn(history.get(i))) {
        starts.add(i);
      }
    }
    if (starts.isEmpty() || this == ALL) {
      return 0;
    }
    if (tokens < 0) {
      return starts.get(Math.max(0, starts.size() - turns));
    }
    // The earliest turn from which the rest fits the budget; the last turn whatever it costs.
    int chosen = starts.get(starts.size() - 1);
    long suffix = 0;
    int end = history.size();
    for (int s = starts.size() - 1; s >= 0; s--) {
      for (int i = starts.get(s); i < end; i++) {
        suffix += estimator.applyAsInt(history.get(i));
      }
      end = starts.get(s);
      if (suffix > tokens) {
        break;
      }
      chosen = starts.get(s);
    }
    return chosen;
  }

  /**
   * Returns the messages the window keeps.
   *
   * @param history the conversation, oldest message first
   * @return its last messages from {@link #start}
   */
  public List<MessageParam> apply(List<MessageParam> history) {
    return List.copyOf(history.subList(start(history), history.size()));
  }

  private static boolean startsTurn(MessageParam message) {
    if (message.role() != Role.USER) {
      return false;
    }
    for (ContentBlock block : message.content()) {
      if (block instanceof ContentBlock.ToolResult) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether this is {@link #all()}, which starts at 0 whatever the conversation. */
  boolean keepsAll() {
    return this == ALL;
  }

  private static int estimate(MessageParam message) {
    return (Json.write(MessageCodec.writeParam(message)).length() + 3) / 4;
  }

  @Override
  public String toString() {
    if (this == ALL) {
      return "ConversationWindow.all()";
    }
    return tokens < 0
        ? "ConversationWindow.lastTurns(" + turns + ")"
        : "ConversationWindow.tokenBudget(" + tokens + ")";
  }
}
