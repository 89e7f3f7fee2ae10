package dev.toolstream.examples.weather.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes whole responses: a body with its length, and the small JSON error bodies. Stateless. */
final class Responses {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Responses() {}

  /** Sends {@code body} with {@code status} and {@code contentType}, then closes the exchange. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** Sends {@code {"error": {"type", "message"}}} with the rejection's status. */
  static void reject(HttpExchange exchange, Rejection rejection) throws IOException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("error").put("type", rejection.type()).put("message", rejection.getMessage());
    send(
        exchange,
        rejection.status(),
        "application/json; charset=utf-8",
        JSON.writeValueAsBytes(body));
  }
}
