package dev.toolstream.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stop reasons compare by value, known or not, as a record's would. */
class StopReasonTest {
  @Test
  void stopReasonsWithTheSameValueAreEqual() {
    assertThat(StopReason.of("tool_use")).isEqualTo(StopReason.TOOL_USE);
    assertThat(new StopReason("tool_use")).isEqualTo(StopReason.TOOL_USE);
    assertThat(StopReason.of("new_reason")).isEqualTo(StopReason.of("new_reason"));
    assertThat(StopReason.of("new_reason")).hasSameHashCodeAs(new StopReason("new_reason"));
    assertThat(new StopReason("end_turn")).hasSameHashCodeAs(StopReason.END_TURN);
  }

  @Test
  void stopReasonsWithOtherValuesOrOtherTypesAreNot() {
    assertThat(StopReason.END_TURN).isNotEqualTo(StopReason.TOOL_USE);
    assertThat(StopReason.of("new_reason")).isNotEqualTo(StopReason.of("other_reason"));
    assertThat(StopReason.END_TURN).isNotEqualTo("end_turn");
    assertThat(StopReason.END_TURN).isNotEqualTo(null);
  }
}
