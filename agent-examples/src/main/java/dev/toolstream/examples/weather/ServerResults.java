package dev.toolstream.examples.weather;

import dev.toolstream.messages.ContentBlock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Sums up what a server tool (web search, usually) found, in one line for a person to read. */
public final class ServerResults {
  private ServerResults() {}

  /**
   * Returns a one-line summary of {@code result}: the error code of a failure, the number and
   * addresses of a search's results, or else the kind of result.
   *
   * @param result the API's result of a server tool call
   * @return such as {@code 2 results [https://a.example, https://b.example]}
   */
  public static String summary(ContentBlock.ServerToolResult result) {
    JsonNode content = result.content();
    if (result.isError()) {
      return content.path("error_code").asString("failed");
    }
    if (!content.isArray()) {
      return content.path("type").asString("done");
    }
    List<String> sources = new ArrayList<>();
    content.forEach(item -> sources.add(item.path("url").asString("")));
    return sources.size() + (sources.size() == 1 ? " result " : " results ") + sources;
  }
}
