package dev.toolstream.messages;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool whose definition the API owns, sent as its JSON with its versioned {@code type}, such as
 * {@code {"type":"web_search_20260318","name":"web_search","max_uses":3}}.
 *
 * <p>Most of these run on the API's side: web search, web fetch, code execution and tool search.
 * Their calls arrive as {@link ContentBlock.ServerToolUse} blocks answered in the same reply by a
 * {@link ContentBlock.ServerToolResult}, and no client code ever runs them. An {@link #mcpToolset
 * MCP toolset} offers the tools of an {@link McpServer}, called by the API as {@link
 * ContentBlock.McpToolUse}. Three are defined by the API but run by the caller: {@link #bash()},
 * {@link #textEditor()} and {@link #memory()}; their calls arrive as ordinary {@link
 * ContentBlock.ToolUse} blocks, which an {@code Agent} hands to the tool registered under the same
 * name.
 *
 * <p>The factories use the current version of each tool; {@link #of(ObjectNode)} sends any other
 * version, or a tool this library does not know yet, as it is given. The JSON is copied in and out,
 * so a {@code ServerTool} never changes.
 *
 * @param json the tool's JSON object, {@code type} included
 */
public record ServerTool(ObjectNode json) implements RequestTool {

  /**
   * Checks the JSON names its type and keeps a copy of it.
   *
   * @param json the tool's JSON, not null
   * @throws IllegalArgumentException if {@code json} has no string {@code type}
   */
  public ServerTool {
    Objects.requireNonNull(json, "json == null");
    if (!json.path("type").isString()) {
      throw new IllegalArgumentException(
          "a server tool needs its versioned \"type\", such as \"web_search_20260318\": " + json);
    }
    json = json.deepCopy();
  }

  /**
   * Sends any tool the API defines, with its JSON as given: another version of a known tool, or
   * one released after this library.
   *
   * @param json the tool's JSON with its {@code type} (and usually {@code name}); copied
   * @return the tool
   * @throws IllegalArgumentException if {@code json} has no string {@code type}
   */
  public static ServerTool of(ObjectNode json) {
    return new ServerTool(json);
  }

  /**
   * Lets the model search the web ({@code web_search_20260318}) as often as it likes, anywhere.
   *
   * @return the tool named {@code web_search}
   */
  public static ServerTool webSearch() {
    return named("web_search_20260318", "web_search");
  }

  /**
   * Lets the model search the web ({@code web_search_20260318}) within limits.
   *
   * @param options how often, where and for whom it searches
   * @return the tool named {@code web_search}
   */
  public static ServerTool webSearch(WebSearchOptions options) {
    ObjectNode json = named("web_search_20260318", "web_search").json;
    if (options.maxUses() != null) {
      json.put("max_uses", options.maxUses());
    }
    putDomains(json, "allowed_domains", options.allowedDomains());
    putDomains(json, "blocked_domains", options.blockedDomains());
    if (options.userLocation() != null) {
      json.set("user_location", options.userLocation().json());
    }
    return new ServerTool(json);
  }

  /**
   * Lets the model read the pages at addresses it has seen ({@code web_fetch_20260318}).
   *
   * @return the tool named {@code web_fetch}; add options such as {@code max_uses} with {@link
   *     #with(String, JsonNode)}
   */
  public static ServerTool webFetch() {
    return named("web_fetch_20260318", "web_fetch");
  }

  /**
   * Lets the model run code in a sandbox on the API's side ({@code code_execution_20260521}). The
   * sandbox's container is named in each reply ({@link Message#container()}); an {@code Agent}
   * sends it back with its next request so that files and state carry over.
   *
   * @return the tool named {@code code_execution}
   */
  public static ServerTool codeExecution() {
    return named("code_execution_20260521", "code_execution");
  }

  /**
   * Lets the model find tools by regular expression among those marked {@code defer_loading}
   * ({@code tool_search_tool_regex_20251119}).
   *
   * @return the tool named {@code tool_search_tool_regex}
   */
  public static ServerTool toolSearchRegex() {
    return named("tool_search_tool_regex_20251119", "tool_search_tool_regex");
  }

  /**
   * Lets the model find tools by a natural-language query among those marked {@code
   * defer_loading} ({@code tool_search_tool_bm25_20251119}).
   *
   * @return the tool named {@code tool_search_tool_bm25}
   */
  public static ServerTool toolSearchBm25() {
    return named("tool_search_tool_bm25_20251119", "tool_search_tool_bm25");
  }

  /**
   * Offers the API's bash tool ({@code bash_20250124}), which the caller runs: its calls arrive as
   * {@link ContentBlock.ToolUse} named {@code bash}.
   *
   * @return the tool named {@code bash}
   */
  public static ServerTool bash() {
    return named("bash_20250124", "bash");
  }

  /**
   * Offers the API's text editor tool ({@code text_editor_20250728}), which the caller runs: its
   * calls arrive as {@link ContentBlock.ToolUse} named {@code str_replace_based_edit_tool}.
   *
   * @return the tool named {@code str_replace_based_edit_tool}
   */
  public static ServerTool textEditor() {
    return named("text_editor_20250728", "str_replace_based_edit_tool");
  }

  /**
   * Offers the API's memory tool ({@code memory_20250818}), which the caller runs over its own
   * storage: its calls arrive as {@link ContentBlock.ToolUse} named {@code memory}.
   *
   * @return the tool named {@code memory}
   */
  public static ServerTool memory() {
    return named("memory_20250818", "memory");
  }

  /**
   * Offers the tools of an MCP server given in the request's {@code mcp_servers} ({@code
   * mcp_toolset}); the API calls them itself.
   *
   * @param mcpServerName the {@link McpServer#name()} of a server on the same request
   * @return the toolset, with every tool of the server enabled
   */
  public static ServerTool mcpToolset(String mcpServerName) {
    Objects.requireNonNull(mcpServerName, "mcpServerName == null");
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("type", "mcp_toolset").put("mcp_server_name", mcpServerName);
    return new ServerTool(json);
  }

  private static ServerTool named(String type, String name) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("type", type).put("name", name);
    return new ServerTool(json);
  }

  private static void putDomains(ObjectNode json, String field, List<String> domains) {
    if (!domains.isEmpty()) {
      ArrayNode array = json.putArray(field);
      domains.forEach(array::add);
    }
  }

  /**
   * Returns a copy of the tool's JSON, as it is sent.
   *
   * @return a new object each call; changing it leaves this tool as it is
   */
  @Override
  public ObjectNode json() {
    return json.deepCopy();
  }

  /**
   * Returns the tool's versioned type, such as {@code web_search_20260318} or {@code mcp_toolset}.
   *
   * @return the {@code type} field
   */
  public String type() {
    return json.get("type").asString();
  }

  /**
   * Returns the name the model calls the tool by.
   *
   * @return the {@code name} field, or null for a tool without one, such as an MCP toolset
   */
  public @Nullable String name() {
    JsonNode name = json.get("name");
    return name == null || !name.isString() ? null : name.asString();
  }

  /**
   * Returns the caching breakpoint set on this tool, if {@link CacheControl} can hold it.
   *
   * @return the breakpoint, or null if there is none
   */
  @Override
  public @Nullable CacheControl cacheControl() {
    JsonNode cache = json.get("cache_control");
    if (cache == null || !cache.path("type").isString()) {
      return null;
    }
    JsonNode ttl = cache.get("ttl");
    return new CacheControl(cache.get("type").asString(), ttl == null ? null : ttl.asString());
  }

  /**
   * Sets one more field of the tool, such as {@code max_uses} on web fetch or {@code
   * defer_loading}.
   *
   * @param field the field's wire name
   * @param value its JSON value; replaces a value set before
   * @return a copy with the field set
   */
  public ServerTool with(String field, JsonNode value) {
    Objects.requireNonNull(field, "field == null");
    Objects.requireNonNull(value, "value == null");
    ObjectNode copy = json.deepCopy();
    copy.set(field, value);
    return new ServerTool(copy);
  }

  /**
   * Marks the end of a cacheable prefix at this tool, usually the last one of the request.
   *
   * @param cacheControl the breakpoint, such as {@link CacheControl#ephemeral()}
   * @return a copy with the breakpoint
   */
  public ServerTool withCacheControl(CacheControl cacheControl) {
    ObjectNode cache = JsonNodeFactory.instance.objectNode().put("type", cacheControl.type());
    if (cacheControl.ttl() != null) {
      cache.put("ttl", cacheControl.ttl());
    }
    return with("cache_control", cache);
  }

  /**
   * Limits on web search: how many searches, which sites, and where the user is. Start from {@link
   * #defaults()}.
   *
   * @param maxUses the most searches in one request, or null for no limit
   * @param allowedDomains the only domains results may come from; empty for any
   * @param blockedDomains domains results never come from; empty for none
   * @param userLocation where the user is, to localize results, or null
   */
  public record WebSearchOptions(
      @Nullable Integer maxUses,
      List<String> allowedDomains,
      List<String> blockedDomains,
      @Nullable UserLocation userLocation) {

    /**
     * Checks the options and copies the lists.
     *
     * @param maxUses the most searches in one request, at least 1, or null for no limit
     * @param allowedDomains the only domains results may come from, copied; empty for any
     * @param blockedDomains domains results never come from, copied; empty for none
     * @param userLocation where the user is, or null
     * @throws IllegalArgumentException if {@code maxUses} is below 1, or both domain lists are
     *     set, which the API refuses
     */
    public WebSearchOptions {
      allowedDomains = List.copyOf(allowedDomains);
      blockedDomains = List.copyOf(blockedDomains);
      if (maxUses != null && maxUses < 1) {
        throw new IllegalArgumentException("maxUses must be at least 1, was " + maxUses);
      }
      if (!allowedDomains.isEmpty() && !blockedDomains.isEmpty()) {
        throw new IllegalArgumentException(
            "web search takes allowed domains or blocked domains, not both: keep one list");
      }
    }

    /**
     * Returns no limits at all.
     *
     * @return options with no use limit, no domain lists and no location
     */
    public static WebSearchOptions defaults() {
      return new WebSearchOptions(null, List.of(), List.of(), null);
    }

    /**
     * Caps the searches of one request.
     *
     * @param maxUses the most searches, at least 1
     * @return a copy with the cap
     */
    public WebSearchOptions maxUses(int maxUses) {
      return new WebSearchOptions(maxUses, allowedDomains, blockedDomains, userLocation);
    }

    /**
     * Takes results only from these domains.
     *
     * @param domains such as {@code weather.gov}; replaces any set before
     * @return a copy with the list
     */
    public WebSearchOptions allowedDomains(List<String> domains) {
      return new WebSearchOptions(maxUses, domains, blockedDomains, userLocation);
    }

    /**
     * Never takes results from these domains.
     *
     * @param domains such as {@code example.com}; replaces any set before
     * @return a copy with the list
     */
    public WebSearchOptions blockedDomains(List<String> domains) {
      return new WebSearchOptions(maxUses, allowedDomains, domains, userLocation);
    }

    /**
     * Localizes results to where the user is.
     *
     * @param userLocation the user's approximate location
     * @return a copy with the location
     */
    public WebSearchOptions userLocation(UserLocation userLocation) {
      return new WebSearchOptions(maxUses, allowedDomains, blockedDomains, userLocation);
    }
  }

  /**
   * The user's approximate location, sent as {@code {"type":"approximate",…}}; any part may be
   * null.
   *
   * @param city the city, such as {@code San Francisco}
   * @param region the region, such as {@code California}
   * @param country the two-letter ISO country code, such as {@code US}
   * @param timezone the IANA time zone, such as {@code America/Los_Angeles}
   */
  public record UserLocation(
      @Nullable String city,
      @Nullable String region,
      @Nullable String country,
      @Nullable String timezone) {

    ObjectNode json() {
      ObjectNode json = JsonNodeFactory.instance.objectNode().put("type", "approximate");
      putIfSet(json, "city", city);
      putIfSet(json, "region", region);
      putIfSet(json, "country", country);
      putIfSet(json, "timezone", timezone);
      return json;
    }

    private static void putIfSet(ObjectNode json, String field, @Nullable String value) {
      if (value != null) {
        json.put(field, value);
      }
    }
  }
}
