package dev.toolstream.examples.weather.offline;

import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A scripted Claude that plays the weather agent's part: asked about cities it calls {@code
 * get_weather} once per city (in one turn), then answers from the tool results. Its replies
 * stream over loopback exactly like the real API's.
 */
public final class SimulatedClaude implements Script {
  /** The first turn's prompt: system, tools and question, all cached when caching is asked for. */
  private static final int PROMPT_TOKENS = 417;

  private static final Pattern AFTER_IN = Pattern.compile("(?i)\\b(?:in|for|at)\\s+([\\p{L} .'-]+)");

  /** Starts the simulator on a free loopback port, its deltas {@code delay} apart. */
  public static ScriptedClaude start(Duration delay) {
    return ScriptedClaude.builder().script(new SimulatedClaude()).deltaDelay(delay).build().start();
  }

  @Override
  public Reply reply(RecordedRequest request) {
    List<JsonNode> results = request.toolResults();
    boolean caching = request.body().has("cache_control");
    if (!results.isEmpty()) {
      return answer(results, caching);
    }
    List<String> cities = cities(request.lastUserText());
    if (cities.isEmpty()) {
      return Turn.text("Which city would you like the weather for?");
    }
    Turn.Builder turn =
        Turn.builder()
            .text("I'll check the current weather in " + String.join(" and ", cities) + ".")
            .stopReason("tool_use")
            .usage(420, 40 + 15 * cities.size());
    if (caching) {
      // Automatic caching writes the whole prompt; only what follows the breakpoint is uncached.
      turn.usage(3, 40 + 15 * cities.size()).cacheCreation(PROMPT_TOKENS, 0);
    }
    for (String city : cities) {
      turn.toolUse(null, "get_weather", JsonNodeFactory.instance.objectNode().put("city", city));
    }
    return turn.build();
  }

  private static Reply answer(List<JsonNode> results, boolean caching) {
    StringBuilder text = new StringBuilder("Here is the current weather:\n");
    for (JsonNode result : results) {
      String content = text(result.path("content"));
      if (result.path("is_error").asBoolean(false)) {
        text.append("- I could not get it: ").append(content).append('\n');
      } else {
        text.append("- ").append(content).append('\n');
      }
    }
    Turn.Builder turn = Turn.builder().text(text.toString().strip()).usage(560, 60);
    if (caching) {
      // The first turn's prompt is read back; the tool call and its results are written.
      turn.usage(3, 60).cacheUsage(0, PROMPT_TOKENS).cacheCreation(560 - 3 - PROMPT_TOKENS, 0);
    }
    return turn.build();
  }

  private static String text(JsonNode content) {
    if (content.isString()) {
      return content.asString();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(block -> text.append(block.path("text").asString("")));
    return text.toString();
  }

  /** Finds the sample cities the prompt names, in order; else the words after "in". */
  static List<String> cities(String prompt) {
    List<String> found = new ArrayList<>();
    String lower = prompt.toLowerCase(Locale.ROOT);
    OpenMeteoStandIn.CITIES.stream()
        .filter(city -> lower.contains(city.name().toLowerCase(Locale.ROOT)))
        .sorted((a, b) -> lower.indexOf(a.name().toLowerCase(Locale.ROOT)) - lower.indexOf(b.name().toLowerCase(Locale.ROOT)))
        .forEach(city -> found.add(city.name()));
    if (found.isEmpty()) {
      Matcher matcher = AFTER_IN.matcher(prompt);
      if (matcher.find()) {
        String city = matcher.group(1).strip().replaceAll("[.?!]+$", "");
        if (!city.isEmpty()) {
          found.add(city);
        }
      }
    }
    return found;
  }
}
