package dev.toolstream.store;

import dev.toolstream.errors.ToolstreamException;
import org.jspecify.annotations.Nullable;

/**
 * A run store could not do what it was asked: the database is unreachable, refused the
 * credentials, has a schema this version does not know, or the run is not there. The message says
 * what to do; it never contains a password.
 */
public class StoreException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception.
   *
   * @param message what happened and what to do
   * @param cause the underlying failure, or null
   */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Makes the exception with no cause.
   *
   * @param message what happened and what to do
   */
  public StoreException(String message) {
    super(message);
  }
}
