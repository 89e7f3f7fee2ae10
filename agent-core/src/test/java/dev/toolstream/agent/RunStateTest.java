package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A run's state moves through turns, starts, results and decisions as the loop's steps say. */
class RunStateTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Message reply(ContentBlock... blocks) {
    return new Message(
        "msg_1",
        "claude-sonnet-4-6",
        List.of(blocks),
        StopReason.TOOL_USE,
        null,
        null,
        new Usage(3, 4, 0, 0),
        Map.of());
  }

  private static ContentBlock.ToolUse call(String id) {
    return new ContentBlock.ToolUse(id, "book", JSON.readTree("{}"));
  }

  private static ContentBlock.ToolResult result(String id) {
    return ContentBlock.ToolResult.text(id, "done " + id, false);
  }

  private static RunState twoOpenCalls() {
    return RunState.start("run-1", List.of(MessageParam.user("Go")))
        .afterTurn(reply(ContentBlock.text("Two."), call("toolu_a"), call("toolu_b")));
  }

  @Test
  void aTurnWithCallsIsOpenUntilEveryResultIsKnown() {
    RunState state = twoOpenCalls();

    assertThat(state.openCalls()).extracting(ContentBlock.ToolUse::id).containsExactly("toolu_a", "toolu_b");
    assertThat(state.turnUsage()).containsExactly(new Usage(3, 4, 0, 0));
    assertThat(state.withResult(result("toolu_b")).unansweredCalls())
        .extracting(ContentBlock.ToolUse::id)
        .containsExactly("toolu_a");
  }

  @Test
  void theLastResultClosesTheTurnWithResultsInCallOrder() {
    RunState closed =
        twoOpenCalls()
            .withStarted("toolu_a")
            .withStarted("toolu_b")
            .withResult(result("toolu_b"))
            .withResult(result("toolu_a"));

    assertThat(closed.openCalls()).isEmpty();
    assertThat(closed.results()).isEmpty();
    assertThat(closed.started()).isEmpty();
    assertThat(closed.history()).hasSize(3);
    assertThat(closed.history().get(2)).isEqualTo(MessageParam.user(List.of(result("toolu_a"), result("toolu_b"))));
  }

  @Test
  void aResultEndsTheCallsStart() {
    RunState state = twoOpenCalls().withStarted("toolu_a").withStarted("toolu_b");

    assertThat(state.withResult(result("toolu_a")).started()).containsExactly("toolu_b");
  }

  @Test
  void decisionsAreKeptByCallUntilTheTurnCloses() {
    RunState state = twoOpenCalls().approve("toolu_a").deny("toolu_b", "Not today");

    assertThat(state.approvals().get("toolu_a").approved()).isTrue();
    assertThat(state.approvals().get("toolu_b")).isEqualTo(RunState.Approval.denied("Not today"));
    assertThat(state.withResult(result("toolu_a")).withResult(result("toolu_b")).approvals()).isEmpty();
  }

  @Test
  void aTurnCannotBeAddedWhileCallsWaitForResults() {
    assertThatThrownBy(() -> twoOpenCalls().afterTurn(reply(ContentBlock.text("Next."))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "run run-1: a turn is added while calls [toolu_a, toolu_b] have no result; record"
                + " their results first");
  }

  @Test
  void aStepForACallThatIsNotOpenNamesTheOpenOnes() {
    assertThatThrownBy(() -> twoOpenCalls().withResult(result("toolu_x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run run-1 has no open tool call toolu_x; its open calls are [toolu_a, toolu_b]");
  }

  @Test
  void aDenialNeedsAReason() {
    assertThatThrownBy(() -> twoOpenCalls().deny("toolu_a", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a denial needs a reason");
  }

  @Test
  void aRunNeedsAnId() {
    assertThatThrownBy(() -> RunState.start(" ", List.of(MessageParam.user("Go"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runId is blank: give each run a non-blank id");
  }

  @Test
  void aStateEndingWithAUserMessageHasNoOpenTurn() {
    assertThat(RunState.start("run-1", List.of(MessageParam.user("Go"))).openCalls()).isEmpty();
    assertThat(RunState.start("run-1", List.of()).openCalls()).isEmpty();
  }
}
