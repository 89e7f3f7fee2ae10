package dev.toolstream.mcp;

import dev.toolstream.errors.ToolstreamException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an {@link McpConnection} cannot be made: the server's process does not start, the URL
 * does not answer, or the server does not complete MCP's initialization in time.
 */
public final class McpConnectionException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception.
   *
   * @param message which server, what failed and what to check
   * @param cause the underlying failure, or null
   */
  public McpConnectionException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
