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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted Claude that plays the weather agent's part: asked about cities it calls {@code
 * get_weather} once per city it finds in the question (in one turn), then answers from the tool
 * results. It finds the real world cities the Open-Meteo stand-in knows ({@link WorldCities}),
 * however many the question names ("Tokyo, Paris and Lisbon"), and asks for the names it does not
 * know too, so that its answer can say the simulation does not know them. Offered web search
 * ({@code --web-search}) and asked what current conditions cannot tell (a forecast), it plays the
 * API's search instead: a {@code server_tool_use}, made-up results that say they are simulated, and
 * an answer citing them, all in one turn. Its replies stream over loopback exactly like the real
 * API's.
 */
public final class SimulatedClaude implements Script {
  /** Questions that get_weather (current conditions) cannot answer, but a web search can. */
  private static final Pattern NEEDS_SEARCH =
      Pattern.compile("(?i)\\b(?:forecast|tomorrow|weekend|next week|climate)\\b");

  private static final String SEARCH_ID = "srvtoolu_simulated_1";
  /** What get_weather answers for a place the geocoder does not know. */
  private static final Pattern NOT_FOUND = Pattern.compile("No place called \"(.*)\" was found\\.");
  /** The first turn's prompt: system, tools and question, all cached when caching is asked for. */
  private static final int PROMPT_TOKENS = 417;

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
    if (offersWebSearch(request) && NEEDS_SEARCH.matcher(request.lastUserText()).find()) {
      return search(cities.isEmpty() ? "your area" : listed(cities));
    }
    if (cities.isEmpty()) {
      return Turn.text(
          "Which city would you like the weather for? This simulation knows "
              + knownCities()
              + ".");
    }
    Turn.Builder turn =
        Turn.builder()
            .text("I'll check the current weather in " + listed(cities) + ".")
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

  /** Tells whether the request offers the API's web search tool, of any version. */
  private static boolean offersWebSearch(RecordedRequest request) {
    for (JsonNode tool : request.body().path("tools")) {
      if (tool.path("type").asString("").startsWith("web_search_")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Plays the API running a web search within the turn: the model's search call, the results the
   * API found (made up, and saying so), then an answer that cites them.
   */
  private static Reply search(String place) {
    String query = place + " weather forecast tomorrow";
    String url = "https://weather.example/" + slug(place) + "/forecast";
    String title = "Forecast for " + place + " (simulated)";
    String cited = "Tomorrow: partly cloudy, 12 to 18 °C, light wind.";
    JsonNodeFactory json = JsonNodeFactory.instance;
    ArrayNode results = json.arrayNode();
    results
        .addObject()
        .put("type", "web_search_result")
        .put("url", url)
        .put("title", title)
        .put("encrypted_content", "c2ltdWxhdGVkIHNlYXJjaCByZXN1bHQ=")
        .put("page_age", "1 hour ago");
    ObjectNode citation =
        json.objectNode()
            .put("type", "web_search_result_location")
            .put("url", url)
            .put("title", title)
            .put("encrypted_index", "c2ltdWxhdGVk")
            .put("cited_text", cited);
    return Turn.builder()
        .text("I'll search the web for the forecast.")
        .serverToolUse(SEARCH_ID, "web_search", json.objectNode().put("query", query).toString())
        .webSearchResult(SEARCH_ID, results)
        .textWithCitations(
            "The simulated search says tomorrow in " + place + " will be partly cloudy,"
                + " 12 to 18 °C, with a light wind.",
            citation)
        .usage(1800, 90)
        .build();
  }

  private static String slug(String place) {
    return place.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static Reply answer(List<JsonNode> results, boolean caching) {
    StringBuilder text = new StringBuilder();
    List<String> unknown = new ArrayList<>();
    for (JsonNode result : results) {
      String content = text(result.path("content"));
      Matcher notFound = NOT_FOUND.matcher(content);
      if (notFound.matches()) {
        unknown.add(notFound.group(1));
        continue;
      }
      text.append(text.length() == 0 ? "Here is the current weather:\n" : "");
      if (result.path("is_error").asBoolean(false)) {
        text.append("- I could not get it: ").append(content).append('\n');
      } else {
        text.append("- ").append(content).append('\n');
      }
    }
    if (!unknown.isEmpty()) {
      text.append(text.length() == 0 ? "" : "\n")
          .append("The simulation does not know ")
          .append(listed(unknown))
          .append(": it knows ")
          .append(knownCities())
          .append(", and no other places.");
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

  /**
   * Returns the places the prompt names, in order: the known cities by their own names ("new
   * york" is New York City), the others as written.
   */
  static List<String> cities(String prompt) {
    return PlaceNames.in(prompt).stream().map(PlaceNames.Place::name).toList();
  }

  /** Returns "A", "A and B" or "A, B and C". */
  static String listed(List<String> names) {
    if (names.size() <= 1) {
      return String.join("", names);
    }
    int last = names.size() - 1;
    return String.join(", ", names.subList(0, last)) + " and " + names.get(last);
  }

  /** Says which cities the simulation knows, for an answer to a question it cannot answer. */
  private static String knownCities() {
    return String.format(
        Locale.ROOT,
        "%,d real cities, GeoNames' cities of 100,000 people or more and every capital (such as"
            + " Tokyo, Lagos or Lima)",
        WorldCities.get().size());
  }
}
