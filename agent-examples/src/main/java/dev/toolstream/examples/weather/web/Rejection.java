package dev.toolstream.examples.weather.web;

/**
 * A request the server turns down: the HTTP status, and the type and message of the small JSON
 * body {@code {"error": {"type", "message"}}} that says what to do instead. Carries no stack
 * trace: it is an answer, not a failure.
 */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  Rejection(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  /** A 400: the request is missing something or malformed. */
  static Rejection badRequest(String message) {
    return new Rejection(400, "invalid_request", message);
  }

  /** A 413: the prompt or the body is over the server's limit. */
  static Rejection tooLarge(String message) {
    return new Rejection(413, "prompt_too_long", message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
