package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server answers only requests addressed to it, and streams only to its own page: the Host,
 * Origin, Sec-Fetch-Site and Content-Type rules that keep foreign pages from starting runs.
 */
final class OnlyItsOwnPageTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ServedAgent served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  private void serve(Consumer<WeatherServer.Builder> configure) {
    Script answer = Script.of(Turn.text("Sunny."));
    served = ServedAgent.start(ScriptedClaude.start(answer), configure);
  }

  private Response send(Request.Builder request) throws IOException {
    return served.client.newCall(request.build()).execute();
  }

  private Request.Builder get(String path) {
    return new Request.Builder().url(served.url(path));
  }

  private String origin() {
    return "http://127.0.0.1:" + served.server.port();
  }

  private static String errorType(Response response) throws IOException {
    JsonNode error = JSON.readTree(response.body().string()).get("error");
    return error.get("type").asString();
  }

  @Test
  void aForeignHostIsRefused() throws IOException {
    serve(builder -> {});
    String evil = "evil.example:" + served.server.port();

    try (Response page = send(get("/").header("Host", evil));
        Response stream = send(get("/stream?prompt=Tokyo%3F").header("Host", evil))) {
      assertThat(page.code()).isEqualTo(421);
      assertThat(errorType(page)).isEqualTo("misdirected_request");
      assertThat(stream.code()).isEqualTo(421);
    }
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void aRefusedHostIsToldTheAddressTheServerIsBoundTo() throws IOException {
    serve(builder -> {});

    try (Response page = send(get("/").header("Host", "evil.example"))) {
      JsonNode error = JSON.readTree(page.body().string()).get("error");
      assertThat(error.get("message").asString())
          .contains("such as " + origin() + "/;");
    }
  }

  @Test
  void theServedAddressOnAnotherPortIsRefused() throws IOException {
    serve(builder -> {});

    try (Response response = send(get("/").header("Host", "127.0.0.1:1"))) {
      assertThat(response.code()).isEqualTo(421);
    }
  }

  @Test
  void everyLoopbackNameOfALoopbackBindIsAccepted() throws IOException {
    serve(builder -> {});
    int port = served.server.port();

    for (String host : new String[] {"127.0.0.1", "localhost", "LocalHost", "[::1]"}) {
      try (Response response = send(get("/").header("Host", host + ":" + port))) {
        assertThat(response.code()).as(host).isEqualTo(200);
      }
    }
  }

  @Test
  void anAllowedHostIsAccepted() throws IOException {
    serve(builder -> builder.allowHost("my-box"));

    try (Response response = send(get("/").header("Host", "my-box:" + served.server.port()))) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  @Test
  void aCrossOriginStreamRequestIsRefused() throws IOException {
    serve(builder -> {});

    try (Response response =
        send(get("/stream?prompt=Tokyo%3F").header("Origin", "http://evil.example"))) {
      assertThat(response.code()).isEqualTo(403);
      assertThat(errorType(response)).isEqualTo("cross_origin");
    }
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void aCrossSiteImageOrLinkRequestIsRefused() throws IOException {
    serve(builder -> {});

    // An <img> or a link carries no Origin, but every current browser sends Sec-Fetch-Site;
    // another port on this machine is "same-site", and still another origin.
    for (String site : new String[] {"cross-site", "same-site"}) {
      try (Response response =
          send(get("/stream?prompt=Tokyo%3F").header("Sec-Fetch-Site", site))) {
        assertThat(response.code()).as(site).isEqualTo(403);
      }
    }
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void theServersOwnPageMayStream() throws IOException {
    serve(builder -> {});

    try (Response response =
        send(
            get("/stream?prompt=Tokyo%3F")
                .header("Origin", origin())
                .header("Sec-Fetch-Site", "same-origin"))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("event: done");
    }
  }

  @Test
  void aTextPlainPostIsRefused() throws IOException {
    serve(builder -> {});

    for (String type :
        new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
      RequestBody body = RequestBody.create("{\"prompt\": \"Tokyo?\"}", MediaType.get(type));
      try (Response response = send(get("/stream").post(body))) {
        assertThat(response.code()).as(type).isEqualTo(415);
        assertThat(errorType(response)).isEqualTo("unsupported_media_type");
      }
    }
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void aForeignPreflightIsRefused() throws IOException {
    serve(builder -> {});

    try (Response response =
        send(
            get("/stream")
                .method("OPTIONS", null)
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"))) {
      assertThat(response.code()).isEqualTo(403);
      assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
  }

  @Test
  void anAllowedOriginGetsCorsHeadersAndItsPreflightAnswered() throws IOException {
    serve(builder -> builder.allowOrigin("https://app.example"));

    try (Response preflight =
            send(
                get("/stream")
                    .method("OPTIONS", null)
                    .header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "POST"));
        Response stream =
            send(
                get("/stream?prompt=Tokyo%3F")
                    .header("Origin", "https://app.example")
                    .header("Sec-Fetch-Site", "cross-site"))) {
      assertThat(preflight.code()).isEqualTo(204);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
      assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type");
      assertThat(stream.code()).isEqualTo(200);
      assertThat(stream.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
      assertThat(stream.body().string()).contains("event: done");
    }
  }
}
