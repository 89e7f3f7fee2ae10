package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.RunState;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's saved steps, replayed, give back what the run has said and where it stands. */
class RunStepTest {
  private static final MessageParam EARLIER = MessageParam.user("Is it raining in Oslo?");
  private static final MessageParam EARLIER_ANSWER = MessageParam.assistant("No, it is dry.");

  /** Asked, called the weather tool, got its result and answered: a whole run's steps. */
  private static final List<RunStep> STEPS =
      List.of(
          new RunStep.Start(List.of(MessageParam.user("And in Paris?"))),
          new RunStep.Turn(1, Messages.callingTools("weather")),
          new RunStep.ToolStarted("toolu_weather"),
          new RunStep.ToolCompleted(Messages.result("weather", "Paris: 18 °C, sunny")),
          new RunStep.Turn(2, Messages.answer("Sunny, 18 °C.")),
          new RunStep.Ended(RunStatus.DONE, List.of(), null));

  @Test
  void aRunsMessagesAreItsOwnInOrderWithoutTheConversationItStartedFrom() {
    List<MessageParam> own = RunStep.messages("run_1", STEPS);

    assertThat(own)
        .extracting(MessageParam::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
    assertThat(own.get(0)).isEqualTo(MessageParam.user("And in Paris?"));
    assertThat(own.get(2).content())
        .containsExactly(Messages.result("weather", "Paris: 18 °C, sunny"));
    assertThat(own.get(3)).isEqualTo(Messages.answer("Sunny, 18 °C.").toParam());
  }

  @Test
  void replayGoesOnFromTheStateItIsGivenKeepingItsMessagesFirst() {
    RunState state =
        RunStep.replay(RunState.start("run_1", List.of(EARLIER, EARLIER_ANSWER)), STEPS);

    assertThat(state.runId()).isEqualTo("run_1");
    assertThat(state.history()).hasSize(6);
    assertThat(state.history().subList(0, 2)).containsExactly(EARLIER, EARLIER_ANSWER);
    assertThat(state.history().subList(2, 6)).isEqualTo(RunStep.messages("run_1", STEPS));
    assertThat(state.openCalls()).isEmpty();
  }

  @Test
  void aRunStoppedInItsToolCallStandsWithTheCallOpenAndItsResultNotYetAMessage() {
    RunState state = RunStep.replay(RunState.start("run_1", List.of()), STEPS.subList(0, 3));

    assertThat(state.history()).hasSize(2);
    assertThat(state.unansweredCalls())
        .extracting(call -> call.id())
        .containsExactly("toolu_weather");
  }

  @Test
  void stepsThatDoNotFitTheirStateAreRefusedAsACorruptRun() {
    List<RunStep> twoTurnsWithoutTheResult = List.of(STEPS.get(0), STEPS.get(1), STEPS.get(4));

    assertThatThrownBy(() -> RunStep.messages("run_1", twoTurnsWithoutTheResult))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("toolu_weather");
  }
}
