package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * The model's answer does not fit the output type asked for: it refused, was cut off at {@code
 * max_tokens}, is not JSON, or its JSON does not match the schema or bind to the Java type. The
 * message says which, and where; {@link #text()} keeps the answer as it came.
 */
public final class OutputMismatchException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  /** The answer as the model wrote it. */
  private final String text;

  /**
   * Makes the exception for an answer that does not fit.
   *
   * @param message what did not fit, such as {@code $.temperature: string found, number expected}
   * @param text the answer's text as the model wrote it; empty if it wrote none
   * @param cause the parse or binding failure behind it, or null
   */
  public OutputMismatchException(String message, String text, @Nullable Throwable cause) {
    super(message, cause);
    this.text = text;
  }

  /**
   * Gives the answer that did not fit, such as to log it or to show it as plain text.
   *
   * @return the final message's text as the model wrote it; empty if it wrote none
   */
  public String text() {
    return text;
  }
}
