package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.BlockCodec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.ContextManagement;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopDetails;
import dev.toolstream.messages.StopReason;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Compaction blocks, applied edits and stop details, as a stream carries them. */
class CompactionAndStopDetailsStreamTest {

  private static MessageStream stream(String sse) {
    return MessagesClient.streamOf(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)));
  }

  private static String sse(String... events) {
    StringBuilder body = new StringBuilder();
    for (String data : events) {
      body.append("event: ").append(Json.parse(data).path("type").asString()).append('\n');
      body.append("data: ").append(data).append("\n\n");
    }
    return body.toString();
  }

  @Test
  void aCompactionStreamsToListenersAndLandsWholeInTheFinalMessage() {
    Turn turn = Turn.builder().compaction("Summary so far.", "opaque").text("Go on.").build();
    List<Delta> deltas = new ArrayList<>();
    List<ContentBlock> blocks = new ArrayList<>();
    MessageStream stream = stream(turn.toSse());
    stream.addListener(
        new StreamListener() {
          @Override
          public void onEvent(StreamEvent event) {
            if (event instanceof StreamEvent.ContentBlockDelta delta) {
              deltas.add(delta.delta());
            }
          }

          @Override
          public void onContentBlock(int index, ContentBlock block) {
            blocks.add(block);
          }
        });

    Message message = stream.finalMessage();

    assertThat(deltas.get(0)).isEqualTo(new Delta.Compaction("Summary so far.", "opaque"));
    assertThat(blocks.get(0)).isEqualTo(message.content().get(0));
    ContentBlock.Compaction compaction = (ContentBlock.Compaction) message.content().get(0);
    assertThat(compaction.content()).isEqualTo("Summary so far.");
    assertThat(compaction.encryptedContent()).isEqualTo("opaque");
    assertThat(message.text()).isEqualTo("Go on.");
  }

  @Test
  void aCompactionGoesBackWithTheFieldsItCameWith() {
    String sse =
        sse(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-opus-4-6\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9}}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                + "\"compaction\",\"content\":null,\"encrypted_content\":null,\"x_new\":7}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                + "\"compaction_delta\",\"content\":\"The user builds a scraper.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"compaction\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":40}}",
            "{\"type\":\"message_stop\"}");

    Message message = stream(sse).finalMessage();

    assertThat(message.stopReason()).isSameAs(StopReason.COMPACTION);
    assertThat(BlockCodec.writeAll(message.toParam().content()))
        .isEqualTo(
            Json.parse(
                "[{\"type\":\"compaction\",\"content\":\"The user builds a scraper.\","
                    + "\"encrypted_content\":null,\"x_new\":7}]"));
  }

  @Test
  void aFailedCompactionKeepsItsNullSummary() {
    Message message =
        stream(Turn.builder().compaction(null).text("Hi").build().toSse()).finalMessage();

    ContentBlock.Compaction compaction = (ContentBlock.Compaction) message.content().get(0);
    assertThat(compaction.hasSummary()).isFalse();
    assertThat(BlockCodec.write(compaction))
        .isEqualTo(Json.parse("{\"type\":\"compaction\",\"content\":null}"));
  }

  @Test
  void aCompactionDeltaForAnotherBlockBreaksTheProtocol() {
    String sse =
        sse(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"usage\":{}}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
                + "\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                + "\"compaction_delta\",\"content\":\"x\"}}");

    Throwable thrown = catchThrowable(() -> stream(sse).finalMessage());

    assertThat(thrown).hasMessageContaining("a compaction_delta arrived for a text block");
  }

  @Test
  void theAppliedEditsOfTheMessageDeltaReachTheMessage() {
    ObjectNode applied =
        (ObjectNode)
            Json.parse(
                "{\"applied_edits\":[{\"type\":\"clear_tool_uses_20250919\","
                    + "\"cleared_tool_uses\":3,\"cleared_input_tokens\":4200},"
                    + "{\"type\":\"clear_thinking_20251015\",\"cleared_thinking_turns\":2,"
                    + "\"cleared_input_tokens\":900}]}");
    Turn turn = Turn.builder().text("Done.").contextManagement(applied).build();

    Message message = stream(turn.toSse()).finalMessage();

    List<ContextManagement.AppliedEdit> edits = message.appliedEdits();
    assertThat(edits)
        .extracting(ContextManagement.AppliedEdit::type)
        .containsExactly("clear_tool_uses_20250919", "clear_thinking_20251015");
    assertThat(edits.get(0).clearedToolUses()).isEqualTo(3);
    assertThat(edits.get(0).clearedInputTokens()).isEqualTo(4200);
    assertThat(edits.get(1).clearedThinkingTurns()).isEqualTo(2);
    assertThat(MessageCodec.writeMessage(message).get("context_management")).isEqualTo(applied);
  }

  @Test
  void aRefusalsStopDetailsAreTypedAndKeepTheFieldsTheLibraryDoesNotModel() {
    ObjectNode details =
        (ObjectNode)
            Json.parse(
                "{\"type\":\"refusal\",\"category\":\"cyber\",\"explanation\":\"Exploit code.\","
                    + "\"recommended_model\":null,\"fallback_credit_token\":\"fct_1\"}");
    Turn turn = Turn.builder().text("I can't").stopReason("refusal").stopDetails(details).build();

    Message message = stream(turn.toSse()).finalMessage();

    StopDetails stop = message.stopDetails();
    assertThat(stop.type()).isEqualTo(StopDetails.REFUSAL);
    assertThat(stop.category()).isEqualTo("cyber");
    assertThat(stop.explanation()).isEqualTo("Exploit code.");
    assertThat(stop.extraFields()).containsOnlyKeys("recommended_model", "fallback_credit_token");
    assertThat(MessageCodec.writeMessage(message).get("stop_details")).isEqualTo(details);
  }

  @Test
  void aRefusalWithoutACategoryOrExplanationSendsNulls() {
    Turn turn = Turn.builder().refusal(null, null).build();

    Message message = stream(turn.toSse()).finalMessage();

    assertThat(message.stopReason()).isSameAs(StopReason.REFUSAL);
    assertThat(message.stopDetails().category()).isNull();
    assertThat(MessageCodec.writeMessage(message).get("stop_details"))
        .isEqualTo(Json.parse("{\"type\":\"refusal\",\"category\":null,\"explanation\":null}"));
  }
}
