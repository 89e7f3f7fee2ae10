package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.stream.RecordedStreams;
import dev.toolstream.testkit.RawReply;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Retrieval through a client tool, in the documented shapes: the tool answers with {@code
 * search_result} blocks, the model cites them with {@code search_result_location} citations, and
 * both go back in the next request exactly as they were given and received.
 */
class SearchResultsGoBackAsTheyWereGivenTest extends AgentTestSupport {
  /** Two search results as the API reference shapes them (SearchResultBlockParam). */
  private static final String RESULTS =
      "[{\"type\":\"search_result\",\"source\":\"https://docs.example.com/handbook#refunds\","
          + "\"title\":\"Refund policy\",\"content\":[{\"type\":\"text\","
          + "\"text\":\"Refunds are issued within 14 days.\"}],\"citations\":{\"enabled\":true}},"
          + "{\"type\":\"search_result\",\"source\":\"kb://policies/credit\",\"title\":\"Credit\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Store credit never expires.\"}],"
          + "\"cache_control\":{\"type\":\"ephemeral\"}}]";

  @Test
  void searchResultsAndTheirCitationsGoBackUnchanged() throws Exception {
    enqueue(
        Turn.builder().toolUse("toolu_01Search", "search_docs", "{\"query\":\"refunds\"}").build(),
        RawReply.eventStream(RecordedStreams.text("search_result_citations.sse")),
        Turn.builder().text("Done.").build());
    List<ContentBlock> results = new ArrayList<>();
    json(RESULTS).forEach(block -> results.add(new ContentBlock.Unknown(block)));
    ToolSpec search =
        ToolSpec.builder("search_docs")
            .description("Searches the handbook.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler((input, context) -> ToolOutput.blocks(results))
            .build();

    AgentResult result = agent(search).build().run("How do refunds work?");
    List<MessageParam> next = new ArrayList<>(result.history());
    next.add(MessageParam.user("Thanks."));
    agent(search).build().run(next);

    JsonNode messages = lastRequestMessagesExactly();
    assertThat(messages.get(2).get("content").get(0).get("content"))
        .isEqualTo(RecordedStreams.parse(RESULTS));
    assertThat(messages.get(3).get("content"))
        .containsExactlyElementsOf(
            RecordedStreams.requestShape(
                (ArrayNode)
                    RecordedStreams.expectedMessage("search_result_citations.sse").get("content")));
  }
}
