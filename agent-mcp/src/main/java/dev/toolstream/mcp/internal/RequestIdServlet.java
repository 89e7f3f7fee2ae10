package dev.toolstream.mcp.internal;

import dev.toolstream.internal.json.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads each POST's JSON-RPC request id before the SDK's Streamable HTTP servlet does, so that a
 * tool call knows its id and a later {@code notifications/cancelled} can find it. The SDK gives a
 * tool handler only a transport context built from the HTTP request, before the body is read: this
 * servlet buffers the body, notes the id as a request attribute, and hands the SDK a request that
 * reads the same bytes; {@link #contextExtractor()} moves the id into the transport context.
 *
 * <p>The SDK checks {@code Host} and {@code Origin} before it reads a body, and this servlet does
 * too, with the same checks: a request from a page or host refused costs the server no read. A body
 * past the SDK's limit is refused with 413, as the SDK refuses one whose {@code Content-Length}
 * says so, whether or not it came with a length.
 */
final class RequestIdServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String ATTRIBUTE = RequestIdServlet.class.getName() + ".requestId";

  /** As the SDK's own limit: a larger body is refused by it, unread by us. */
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final transient HttpServlet sdk;
  private final transient ServerHttpHeaderValidator headerChecks;

  /**
   * Wraps the SDK's servlet.
   *
   * @param sdk the SDK's servlet, which does the protocol
   * @param headerChecks the {@code Host} and {@code Origin} checks the SDK's servlet was given
   */
  RequestIdServlet(HttpServlet sdk, ServerHttpHeaderValidator headerChecks) {
    this.sdk = sdk;
    this.headerChecks = headerChecks;
  }

  /** Puts the request id this servlet noted into the transport context, for {@link ServedTool}. */
  static McpTransportContextExtractor<HttpServletRequest> contextExtractor() {
    return request -> {
      Object id = request.getAttribute(ATTRIBUTE);
      return id == null
          ? McpTransportContext.EMPTY
          : McpTransportContext.create(Map.of(ServedTool.REQUEST_ID, id));
    };
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    sdk.init(config);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() > MAX_BODY) {
      sdk.service(request, response);
      return;
    }
    try {
      headerChecks.validate(new Headers(request));
    } catch (ServerTransportSecurityException refused) {
      response.sendError(refused.getStatusCode(), refused.getMessage());
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) { // Chunked, so no Content-Length told the size first.
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    Object id = requestId(body);
    if (id != null) {
      request.setAttribute(ATTRIBUTE, id);
    }
    sdk.service(new Buffered(request, body), response);
  }

  @Override
  public void destroy() {
    sdk.destroy();
  }

  /** Returns the request's id as JSON-RPC has it, a {@link String} or a {@link Number}, or null. */
  private static @Nullable Object requestId(byte[] body) {
    try {
      JsonNode message = Json.parse(new String(body, StandardCharsets.UTF_8));
      JsonNode id = message.get("id");
      if (!message.has("method") || id == null || id.isNull()) {
        return null;
      }
      return id.isNumber() ? id.numberValue() : id.asString();
    } catch (RuntimeException notJson) {
      return null; // The SDK answers it with the protocol's error.
    }
  }

  /** A request's headers, as the SDK's checks read them. */
  private record Headers(HttpServletRequest request) implements HeaderAccessor {
    @Override
    public List<String> getHeader(String name) {
      return Collections.list(request.getHeaders(name));
    }

    @Override
    public List<String> getHeaderNames() {
      return Collections.list(request.getHeaderNames());
    }
  }

  /** The request with its body already read into memory. */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream bytes = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body is already read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
  }
}
