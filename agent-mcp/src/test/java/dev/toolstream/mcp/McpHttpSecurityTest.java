package dev.toolstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import java.net.URI;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checks the MCP specification asks of a local Streamable HTTP server against DNS rebinding.
 */
class McpHttpSecurityTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  private final OkHttpClient http = new OkHttpClient();
  private final McpServing serving =
      McpToolServer.builder()
          .name("secured")
          .tool(
              ToolSpec.builder("noop")
                  .description("Does nothing.")
                  .inputSchema(Json.parse("{\"type\":\"object\"}"))
                  .handler((input, context) -> ToolOutput.text(""))
                  .build())
          .allowOrigin("https://app.example")
          .build()
          .serveHttp(0);

  @AfterEach
  void close() {
    serving.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private int initialize(String header, String value) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url(serving.url().toString())
            .header("Accept", "application/json, text/event-stream")
            .post(RequestBody.create(INITIALIZE, MediaType.get("application/json")));
    if (header != null) {
      request.header(header, value);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    }
  }

  @Test
  void theServerListensOnLoopbackByDefault() {
    URI url = serving.url();

    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(url.getPath()).isEqualTo("/mcp");
  }

  @Test
  void aRequestNamingAnotherHostIsRefused() throws Exception {
    assertThat(initialize("Host", "attacker.example:" + serving.url().getPort())).isEqualTo(421);
    assertThat(initialize("Host", "localhost:" + serving.url().getPort())).isEqualTo(200);
  }

  @Test
  void aPageFromAnOriginNotAllowedIsRefused() throws Exception {
    assertThat(initialize("Origin", "https://attacker.example")).isEqualTo(403);
    assertThat(initialize("Origin", "https://app.example")).isEqualTo(200);
    assertThat(initialize(null, null)).as("a client that is not a browser").isEqualTo(200);
  }
}
