package dev.toolstream.testkit;

import java.util.List;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * Decides the scripted Claude's reply to each request. Write one as a lambda over the {@link
 * RecordedRequest} (for example, answer a {@code tool_result} with final text), or use {@link
 * #of(Reply...)} for a fixed list consumed in order.
 *
 * <p>The server calls a script for one request at a time, in order of arrival, on a connection
 * thread. If it throws (a failed assertion included) or returns null, the client receives a {@code
 * 500 api_error} (with {@code x-should-retry: false}) whose message names the failure.
 */
@FunctionalInterface
public interface Script {

  /**
   * Decides what the server sends back for one request.
   *
   * @param request the request as the server received it
   * @return the reply to send; null makes the client receive a {@code 500 api_error}
   */
  Reply reply(RecordedRequest request);

  /**
   * Returns a script that answers the first request with the first reply, the second with the
   * second, and so on; a request past the end receives a {@code 500 api_error} with {@code
   * x-should-retry: false} whose message says the script ran out.
   *
   * @param replies the replies in the order requests receive them
   * @return a thread-safe script with its own position: each request it sees takes the next reply
   */
  static Script of(Reply... replies) {
    return of(List.of(replies));
  }

  /**
   * Answers requests from a list, in order, as {@link #of(Reply...)} does.
   *
   * @param replies the replies in the order requests receive them; copied, no null elements
   * @return a thread-safe script with its own position: each request it sees takes the next reply
   */
  static Script of(List<? extends Reply> replies) {
    return new ReplySequence(replies);
  }

  /**
   * Returns a two-step tool loop: a request whose last user message holds no {@code tool_result}
   * receives {@code toolCalls}; one that holds results receives a final {@code end_turn} text turn
   * quoting each result's content, one per line. Any number of loops may run against it.
   *
   * @param toolCalls the turn that asks for tools, usually ending with {@code tool_use}
   * @return a stateless script that alternates tool calls and their echo
   */
  static Script echoToolResults(Turn toolCalls) {
    return request -> {
      List<JsonNode> results = request.toolResults();
      if (results.isEmpty()) {
        return toolCalls;
      }
      StringJoiner text = new StringJoiner("\n");
      results.forEach(result -> text.add(RecordedRequest.text(result.path("content"))));
      return Turn.text(text.toString());
    };
  }
}
