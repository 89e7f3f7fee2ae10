package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import dev.toolstream.stream.RecordedStreams;
import dev.toolstream.stream.RecordedStreams.Recording;
import dev.toolstream.testkit.RawReply;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every recorded conversation of today's Messages API features, played to the {@link Agent} by a
 * loopback server: the loop runs exactly the client tool calls, never a server tool's or an MCP
 * server's (even with a client tool of the same name), continues {@code tool_use} and {@code
 * pause_turn}, ends with a refused turn whole, and every other assistant turn goes back in the next
 * request exactly as the API sent it (the {@code content_block_start} block with its deltas
 * applied, as JSON trees), less only the response-only fields.
 */
class RecordedStreamsThroughTheAgentTest extends AgentTestSupport {
  private static final Set<String> CONTINUING = Set.of("tool_use", "pause_turn");

  static List<Recording> recordings() {
    return RecordedStreams.ALL;
  }

  static List<Recording> refusals() {
    return RecordedStreams.ALL.stream()
        .filter(r -> stopReason(last(turns(r))).equals("refusal"))
        .toList();
  }

  /** A client call the loop ran: the tool's name and its input. */
  private record Call(String name, JsonNode input) {}

  /**
   * What a replayed conversation did: the calls run and announced, the run over the recording's
   * turns, and the last run.
   */
  private record Replay(
      List<Call> calls, List<String> announced, AgentResult recorded, AgentResult result) {}

  @ParameterizedTest
  @MethodSource("recordings")
  void onlyTheClientCallsRunAndAreAnnounced(Recording recording) throws Exception {
    List<JsonNode> clientCalls = clientCalls(turns(recording));

    Replay replay = replay(recording);

    assertThat(replay.calls())
        .containsExactlyInAnyOrderElementsOf(
            clientCalls.stream()
                .map(call -> new Call(call.get("name").asString(), call.get("input")))
                .toList());
    assertThat(replay.announced())
        .containsExactlyElementsOf(
            clientCalls.stream().map(call -> call.get("id").asString()).toList());
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void everyTurnGoesBackAsReceived(Recording recording) throws Exception {
    List<ObjectNode> turns = turns(recording);
    // The API asks for a refused turn to be reset, not sent back.
    List<ObjectNode> sentBack =
        stopReason(last(turns)).equals("refusal") ? turns.subList(0, turns.size() - 1) : turns;

    replay(recording);

    assertThat(requestCount()).isEqualTo(sentBack.size() + 1);
    int summary = lastSummary(sentBack);
    if (summary < 0) {
      assertSentBack(lastRequestMessagesExactly(), sentBack, 1);
    } else {
      // The API reads nothing before a compaction's summary, so the request starts from it.
      assertSentBack(lastRequestMessagesExactly(), sentBack.subList(summary, sentBack.size()), 0);
    }
  }

  /** Returns the index of the last turn holding a compaction with a summary, or -1. */
  private static int lastSummary(List<ObjectNode> turns) {
    int last = -1;
    for (int i = 0; i < turns.size(); i++) {
      for (JsonNode block : turns.get(i).get("content")) {
        if (block.get("type").asString().equals("compaction")
            && block.path("content").isString()) {
          last = i;
        }
      }
    }
    return last;
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void eachTurnsUsageIsKeptAsSent(Recording recording) throws Exception {
    List<ObjectNode> turns = turns(recording);

    List<Usage> usage = replay(recording).recorded().turnUsage();

    for (int i = 0; i < turns.size(); i++) {
      RecordedStreams.assertHoldsEveryField(
          Json.parse(Json.write(MessageCodec.writeUsage(usage.get(i)))), turns.get(i).get("usage"));
    }
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void theContainerATurnRanInGoesWithTheRequestThatContinuesIt(Recording recording)
      throws Exception {
    List<ObjectNode> turns = turns(recording);

    replay(recording);

    List<JsonNode> requests = new ArrayList<>();
    for (int i = requestCount(); i > 0; i--) {
      requests.add(nextRequestBody());
    }
    for (int i = 0; i + 1 < turns.size(); i++) {
      JsonNode container = turns.get(i).path("container");
      if (container.isObject()) {
        assertThat(requests.get(i + 1).path("container").asString(""))
            .as("the request after turn %d", i + 1)
            .isEqualTo(container.get("id").asString());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void aRefusedTurnEndsTheRunWhole(Recording recording) throws Exception {
    Replay replay = replay(recording);

    RecordedStreams.assertHoldsEveryField(
        Json.parse(Json.write(MessageCodec.writeMessage(replay.result().finalMessage()))),
        last(turns(recording)));
  }

  /**
   * Plays {@code recording} to an agent whose tools stand for every tool it names, then a plain
   * answer: the loop goes on by itself after {@code tool_use} and {@code pause_turn}; after any
   * other stop but a refusal, the conversation is continued once, so that a request carries every
   * turn back.
   */
  private Replay replay(Recording recording) {
    List<ObjectNode> turns = turns(recording);
    for (String turn : recording.turns()) {
      enqueue(RawReply.eventStream(RecordedStreams.text(turn)));
    }
    enqueue(Turn.builder().text("Done.").build());
    List<Call> calls = new ArrayList<>();
    List<String> announced = new ArrayList<>();
    AgentListener listener =
        new AgentListener() {
          @Override
          public void onToolCall(ContentBlock.ToolUse call) {
            announced.add(call.id());
          }
        };
    Agent agent = agent(tools(turns, calls).toArray(ToolSpec[]::new)).listener(listener).build();

    AgentResult recorded = agent.run("Go.");
    AgentResult result = recorded;
    String stop = stopReason(last(turns));
    if (!stop.equals("refusal") && !CONTINUING.contains(stop)) {
      List<MessageParam> next = new ArrayList<>(recorded.history());
      next.add(MessageParam.user("Go on."));
      result = agent.run(next);
    }
    return new Replay(calls, announced, recorded, result);
  }

  private static List<ObjectNode> turns(Recording recording) {
    return recording.turns().stream().map(RecordedStreams::expectedMessage).toList();
  }

  private static ObjectNode last(List<ObjectNode> turns) {
    return turns.get(turns.size() - 1);
  }

  /**
   * Returns a client tool for each name the recording's client calls use, and one more, which must
   * never run, for each server tool or MCP tool it names.
   */
  private static List<ToolSpec> tools(List<ObjectNode> turns, List<Call> calls) {
    Set<String> names = new LinkedHashSet<>();
    for (ObjectNode turn : turns) {
      for (JsonNode block : turn.get("content")) {
        if (block.has("name")) {
          names.add(block.get("name").asString());
        }
      }
    }
    List<ToolSpec> tools = new ArrayList<>();
    for (String name : names) {
      tools.add(
          ToolSpec.builder(name)
              .description("Stands for " + name + ".")
              .inputSchema(json("{\"type\":\"object\"}"))
              .handler(
                  (input, context) -> {
                    synchronized (calls) {
                      calls.add(new Call(context.toolName(), input));
                    }
                    return ToolOutput.text("ok");
                  })
              .build());
    }
    return tools;
  }

  /** Returns the client calls of the turns that stopped for them, which the loop must run. */
  private static List<JsonNode> clientCalls(List<ObjectNode> turns) {
    List<JsonNode> calls = new ArrayList<>();
    for (ObjectNode turn : turns) {
      if (stopReason(turn).equals("tool_use")) {
        calls.addAll(toolUses(turn));
      }
    }
    return calls;
  }

  private static List<JsonNode> toolUses(ObjectNode turn) {
    List<JsonNode> calls = new ArrayList<>();
    turn.get("content")
        .forEach(
            b -> {
              if (b.get("type").asString().equals("tool_use")) {
                calls.add(b);
              }
            });
    return calls;
  }

  private static String stopReason(ObjectNode turn) {
    return turn.get("stop_reason").asString();
  }

  /**
   * Asserts the conversation the last request carries: from message {@code at} on (after the
   * prompt, or from the first when the request starts at a compaction), each turn as received and,
   * after a {@code tool_use} stop, one user message of exactly one result per client call, in
   * order; nothing between a {@code pause_turn} and the turn that continues it.
   */
  private static void assertSentBack(JsonNode messages, List<ObjectNode> turns, int at) {
    for (ObjectNode turn : turns) {
      JsonNode assistant = messages.get(at++);
      assertThat(assistant.get("role").asString()).isEqualTo("assistant");
      assertThat(assistant.get("content"))
          .containsExactlyElementsOf(RecordedStreams.requestShape((ArrayNode) turn.get("content")));
      if (stopReason(turn).equals("tool_use")) {
        JsonNode results = messages.get(at++);
        assertThat(results.get("role").asString()).isEqualTo("user");
        assertThat(results.get("content"))
            .allSatisfy(block -> assertThat(block.get("type").asString()).isEqualTo("tool_result"))
            .extracting(block -> block.get("tool_use_id").asString())
            .containsExactlyElementsOf(
                toolUses(turn).stream().map(call -> call.get("id").asString()).toList());
      }
    }
    assertThat(messages.size() - at).as("messages after the last turn").isLessThanOrEqualTo(1);
  }
}
