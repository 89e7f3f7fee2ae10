package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows start at a turn: a tool_use keeps its tool_result, and thinking stays as it was. */
class ConversationWindowTest {
  /** A conversation of three turns; the second calls a tool, with thinking before the call. */
  private static List<MessageParam> threeTurns() {
    List<MessageParam> history = new ArrayList<>();
    history.add(MessageParam.user("first"));
    history.add(MessageParam.assistant("one"));
    history.add(MessageParam.user("second"));
    history.add(
        MessageParam.assistant(
            List.of(
                new ContentBlock.Thinking("let me look", "sig-abc==", java.util.Map.of()),
                new ContentBlock.ToolUse("toolu_1", "lookup", Json.parse("{}")))));
    history.add(MessageParam.user(List.of(ContentBlock.ToolResult.text("toolu_1", "found", false))));
    history.add(MessageParam.assistant("two"));
    history.add(MessageParam.user("third"));
    history.add(MessageParam.assistant("three"));
    return history;
  }

  @Test
  void allKeepsEverything() {
    assertThat(ConversationWindow.all().apply(threeTurns())).isEqualTo(threeTurns());
  }

  @Test
  void lastTurnsStartsAtAUserMessageThatIsNotAToolResult() {
    assertThat(ConversationWindow.lastTurns(1).start(threeTurns())).isEqualTo(6);
    assertThat(ConversationWindow.lastTurns(2).start(threeTurns())).isEqualTo(2);
    assertThat(ConversationWindow.lastTurns(3).start(threeTurns())).isZero();
    assertThat(ConversationWindow.lastTurns(10).start(threeTurns())).isZero();
  }

  @Test
  void aKeptToolCallKeepsItsResultAndItsThinkingSignature() {
    List<MessageParam> kept = ConversationWindow.lastTurns(2).apply(threeTurns());

    assertThat(kept.get(0)).isEqualTo(MessageParam.user("second"));
    assertThat(kept.get(1)).isEqualTo(threeTurns().get(3));
    assertThat(kept.get(2).content().get(0)).isInstanceOf(ContentBlock.ToolResult.class);
  }

  @Test
  void aTokenBudgetKeepsTheRecentTurnsThatFitWhole() {
    // One token per message: turn 3 costs 2, turn 2 costs 4, turn 1 costs 2.
    assertThat(ConversationWindow.tokenBudget(2, message -> 1).start(threeTurns())).isEqualTo(6);
    assertThat(ConversationWindow.tokenBudget(5, message -> 1).start(threeTurns())).isEqualTo(6);
    assertThat(ConversationWindow.tokenBudget(6, message -> 1).start(threeTurns())).isEqualTo(2);
    assertThat(ConversationWindow.tokenBudget(8, message -> 1).start(threeTurns())).isZero();
  }

  @Test
  void theLastTurnIsKeptEvenOverTheBudget() {
    assertThat(ConversationWindow.tokenBudget(1, message -> 100).start(threeTurns())).isEqualTo(6);
  }

  @Test
  void theDefaultEstimateCountsAboutFourCharactersAToken() {
    List<MessageParam> history =
        List.of(MessageParam.user("x".repeat(4000)), MessageParam.assistant("ok"), MessageParam.user("short"));

    assertThat(ConversationWindow.tokenBudget(500).start(history)).isEqualTo(2);
    assertThat(ConversationWindow.tokenBudget(1100).start(history)).isZero();
  }

  @Test
  void aHistoryWithoutATurnStartIsKeptWhole() {
    List<MessageParam> history =
        List.of(new MessageParam(Role.ASSISTANT, List.of(ContentBlock.text("hello"))));

    assertThat(ConversationWindow.lastTurns(1).apply(history)).isEqualTo(history);
  }

  @Test
  void aWindowOfNoTurnsIsRefused() {
    assertThatThrownBy(() -> ConversationWindow.lastTurns(0))
        .hasMessageContaining("keep at least 1 turn");
    assertThatThrownBy(() -> ConversationWindow.tokenBudget(0))
        .hasMessageContaining("a budget of at least 1");
  }
}
