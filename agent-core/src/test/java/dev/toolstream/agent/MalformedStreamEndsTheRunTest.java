package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.client.HostileServer;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.testkit.RawReply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reply that breaks the protocol ends the run with an {@link AgentException} caused by the
 * {@link MalformedStreamException}: no tool result is sent for it, let alone two for one call.
 */
@Tag(HostileServer.SMALL_HEAP)
class MalformedStreamEndsTheRunTest extends AgentTestSupport {

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  @Test
  void aRepeatedToolUseStopEndsTheRunInsteadOfSendingTwoResults() {
    String stop = event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    enqueue(
        RawReply.eventStream(
            event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
                    + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}")
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                    + "\"name\":\"get_weather\",\"input\":{}}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                    + "\"{\\\"city\\\":\\\"Oslo\\\"}\"}}")
                + stop
                + stop
                + event("message_delta", "{\"type\":\"message_delta\",\"delta\":"
                    + "{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":20}}")
                + event("message_stop", "{\"type\":\"message_stop\"}")));

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent(weatherTool()).build().run("Weather?"));

    assertThat(e).hasMessageContaining("turn 1 failed");
    assertThat(e.getCause())
        .isInstanceOf(MalformedStreamException.class)
        .hasMessageContaining("content_block_stop for block 0, which had already stopped");
    assertThat(requestCount()).isEqualTo(1);
    assertThat(e.history()).hasSize(1);
  }
}
