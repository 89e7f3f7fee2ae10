package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.ContentBlock;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ToolInputDeltaIsAValueTest {

  /** What a delta reported when it was delivered, and the delta itself, kept. */
  private record Seen(ToolInputDelta delta, String inputJson, String partialInput, String fragment) {
    static Seen now(ToolInputDelta delta) {
      return new Seen(delta, delta.inputJson(), delta.partialInput().toString(), delta.fragment());
    }

    void reportsTheSame() {
      assertThat(delta.inputJson()).isEqualTo(inputJson);
      assertThat(delta.partialInput().toString()).isEqualTo(partialInput);
      assertThat(delta.fragment()).isEqualTo(fragment);
    }
  }

  @Test
  void aDeltaKeptUntilItsBlockEndsStillReportsWhatItReportedWhenDelivered() {
    List<Seen> seen = new ArrayList<>();
    List<Integer> checkedAtBlockEnd = new ArrayList<>();
    StreamListener keeper =
        new StreamListener() {
          @Override
          public void onToolInputDelta(ToolInputDelta delta) {
            seen.add(Seen.now(delta));
          }

          @Override
          public void onContentBlock(int index, ContentBlock block) {
            for (Seen kept : seen) {
              if (kept.delta().index() == index) {
                kept.reportsTheSame();
                checkedAtBlockEnd.add(index);
              }
            }
          }
        };

    // Two tool calls, of 7 and 11 fragments: their buffers grow while the deltas are kept.
    try (MessageStream stream =
        MessagesClient.streamOf(new ByteArrayInputStream(Fixtures.bytes("parallel_tools.sse")))) {
      stream.addListener(keeper).finalMessage();
    }

    assertThat(seen).hasSize(18);
    assertThat(checkedAtBlockEnd).hasSize(18);
    seen.forEach(Seen::reportsTheSame);
    assertThat(seen.get(0).inputJson()).isEmpty();
    assertThat(seen.get(6).delta().inputJson()).isEqualTo("{\"city\": \"Lisbon\"}");
    assertThat(seen.get(17).delta().partialInput().get("unit").asString()).isEqualTo("fahrenheit");
  }

  @Test
  void changingAPartialInputChangesNothingTheDeltaReportsLater() {
    List<ToolInputDelta> deltas = new ArrayList<>();
    StreamListener keeper =
        new StreamListener() {
          @Override
          public void onToolInputDelta(ToolInputDelta delta) {
            deltas.add(delta);
          }
        };
    try (MessageStream stream =
        MessagesClient.streamOf(new ByteArrayInputStream(Fixtures.bytes("tool_use.sse")))) {
      stream.addListener(keeper).finalMessage();
    }
    ToolInputDelta last = deltas.get(deltas.size() - 1);
    String before = last.partialInput().toString();

    ((ObjectNode) last.partialInput()).put("injected", true);

    assertThat(last.partialInput().toString()).isEqualTo(before).doesNotContain("injected");
  }
}
