package dev.toolstream.mcp;

import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A resource an {@link McpToolServer} offers besides its tools: a document the client can list and
 * read ({@code resources/list}, {@code resources/read}), such as a list of the cities a tool knows.
 * Its content is read anew at each {@code resources/read}, on a thread of the server's.
 *
 * <p>Immutable; make one with {@link #text} or {@link #bytes}.
 */
public final class McpResource {
  private final String uri;
  private final String name;
  private final String mimeType;
  private final Supplier<String> content;
  private final boolean binary;

  private McpResource(
      String uri, String name, String mimeType, Supplier<String> content, boolean binary) {
    this.uri = Objects.requireNonNull(uri, "uri == null");
    this.name = Objects.requireNonNull(name, "name == null");
    this.mimeType = Objects.requireNonNull(mimeType, "mimeType == null");
    this.content = Objects.requireNonNull(content, "content == null");
    this.binary = binary;
    if (uri.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException(
          "an MCP resource needs a URI and a name, such as text(\"weather://cities\", \"cities\","
              + " ...)");
    }
  }

  /**
   * Makes a text resource.
   *
   * @param uri the URI clients read it by, such as {@code weather://cities}
   * @param name a short name clients show
   * @param mimeType such as {@code text/plain} or {@code application/json}
   * @param content called at each read, on a server thread; its exception becomes a JSON-RPC error
   *     with its message
   * @return the resource
   */
  public static McpResource text(
      String uri, String name, String mimeType, Supplier<String> content) {
    return new McpResource(uri, name, mimeType, content, false);
  }

  /**
   * Makes a binary resource, sent base64-encoded.
   *
   * @param uri the URI clients read it by
   * @param name a short name clients show
   * @param mimeType such as {@code image/png}
   * @param content called at each read, on a server thread
   * @return the resource
   */
  public static McpResource bytes(
      String uri, String name, String mimeType, Supplier<byte[]> content) {
    Objects.requireNonNull(content, "content == null");
    return new McpResource(
        uri, name, mimeType, () -> Base64.getEncoder().encodeToString(content.get()), true);
  }

  String uri() {
    return uri;
  }

  String name() {
    return name;
  }

  String mimeType() {
    return mimeType;
  }

  /** Reads the content: the text, or the bytes in base64 when {@link #isBinary()}. */
  String read() {
    return content.get();
  }

  boolean isBinary() {
    return binary;
  }

  @Override
  public String toString() {
    return "McpResource{" + uri + "}";
  }
}
