package dev.toolstream.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.toolstream.internal.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A schema's {@code $ref}s are resolved when its tool is built: one that resolves nowhere is
 * refused then, naming the tool and the reference, rather than failing the first run whose model
 * calls the tool (the validator resolves references lazily, and threw mid-run).
 */
class SchemaRefsTest {
  @Test
  void aReferenceThatResolvesNowhereIsRefusedWhenTheToolIsBuilt() {
    assertThatThrownBy(
            () ->
                CompiledSchema.compile(
                    "get_weather",
                    Json.parse(
                        "{\"type\":\"object\",\"properties\":{\"city\":"
                            + "{\"$ref\":\"#/$defs/missing\"}}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tool \"get_weather\" has an input schema that does not compile: ")
        .hasMessageContaining("/$defs/missing");
  }

  @Test
  void aReferenceToAnotherDocumentIsRefusedWhenTheToolIsBuiltWithoutFetchingIt()
      throws IOException {
    // A schema from an MCP server must not make this process fetch what it names.
    AtomicInteger fetched = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          byte[] schema = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, schema.length);
          exchange.getResponseBody().write(schema);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/city.json";
    try {
      assertThatThrownBy(
              () ->
                  CompiledSchema.compile(
                      "get_weather",
                      Json.parse(
                          "{\"type\":\"object\",\"properties\":{\"city\":{\"$ref\":\""
                              + url
                              + "\"}}}")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "tool \"get_weather\" has an input schema that does not compile: ")
          .hasMessageContaining(url);
    } finally {
      server.stop(0);
    }
    assertThat(fetched).hasValue(0);
  }

  @Test
  void referencesThatResolveRecursionIncludedAreKeptAndChecked() {
    CompiledSchema schema =
        CompiledSchema.compile(
            "plant",
            Json.parse(
                "{\"type\":\"object\",\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":"
                    + "{\"name\":{\"type\":\"string\"},\"kids\":{\"type\":\"array\",\"items\":"
                    + "{\"$ref\":\"#/$defs/node\"}}}}},\"properties\":{\"root\":"
                    + "{\"$ref\":\"#/$defs/node\"}}}"));

    assertThat(schema.validate(Json.parse("{\"root\":{\"name\":\"a\",\"kids\":[{\"name\":\"b\"}]}}")))
        .isEmpty();
    assertThat(schema.validate(Json.parse("{\"root\":{\"kids\":[{\"kids\":[{\"name\":7}]}]}}")))
        .singleElement()
        .satisfies(message -> assertThat(message).startsWith("$.root.kids[0].kids[0].name: "));
  }
}
