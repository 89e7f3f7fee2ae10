package dev.toolstream.messages;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A remote MCP server the API connects to itself (the MCP connector), sent in the request's {@code
 * mcp_servers} as {@code {"type":"url","url":…,"name":…}}. Offer its tools with {@link
 * ServerTool#mcpToolset(String)}; their calls and results arrive as {@link
 * ContentBlock.McpToolUse} and {@link ContentBlock.McpToolResult} and never reach client code. A
 * request that names a server carries the {@value #BETA} beta header without being told.
 *
 * <p>The authorization token is sent to the API in the request body and nowhere else: {@link
 * #toString()} and the library's logs never show it.
 *
 * @param name the server's name, by which toolsets and calls refer to it
 * @param url the server's address, which the API must be able to reach
 * @param authorizationToken an OAuth bearer token for the server, or null for none
 * @param allowedTools the only tools of the server the model may call (the older {@code
 *     tool_configuration} form; prefer an {@code mcp_toolset} with {@code configs}), or null for
 *     all of them
 */
public record McpServer(
    String name, String url, @Nullable String authorizationToken, @Nullable List<String> allowedTools) {

  /** The {@code anthropic-beta} value a request that uses the MCP connector is sent with. */
  public static final String BETA = "mcp-client-2025-11-20";

  /**
   * Checks the name and address are present and copies the tool list.
   *
   * @param name the server's name, not null
   * @param url the server's address, not null; not checked here
   * @param authorizationToken a bearer token, or null
   * @param allowedTools the tools allowed, copied, or null for all
   */
  public McpServer {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(url, "url == null");
    allowedTools = allowedTools == null ? null : List.copyOf(allowedTools);
  }

  /**
   * Names a server that needs no authorization.
   *
   * @param name the server's name, used by {@link ServerTool#mcpToolset(String)}
   * @param url the server's address, such as {@code https://mcp.example.com/sse}
   * @return the server, with all its tools allowed
   */
  public static McpServer url(String name, String url) {
    return new McpServer(name, url, null, null);
  }

  /**
   * Sends a bearer token with the connection to the server.
   *
   * @param token the token, not null; never printed
   * @return a copy with the token
   */
  public McpServer withAuthorizationToken(String token) {
    return new McpServer(name, url, Objects.requireNonNull(token, "token == null"), allowedTools);
  }

  /**
   * Restricts the model to some of the server's tools.
   *
   * @param tools the tools' names
   * @return a copy with the restriction
   */
  public McpServer withAllowedTools(List<String> tools) {
    return new McpServer(name, url, authorizationToken, tools);
  }

  /** Tells whether {@code request} uses the MCP connector, by a server or by a toolset. */
  static boolean usedBy(MessageRequest request) {
    if (!request.mcpServers().isEmpty()) {
      return true;
    }
    for (RequestTool tool : request.tools()) {
      if (tool instanceof ServerTool server && server.type().equals("mcp_toolset")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Describes the server without its token.
   *
   * @return the name and address, and whether a token is set
   */
  @Override
  public String toString() {
    return "McpServer{name="
        + name
        + ", url="
        + url
        + (authorizationToken == null ? "" : ", authorizationToken=[redacted]")
        + (allowedTools == null ? "" : ", allowedTools=" + allowedTools)
        + "}";
  }
}
