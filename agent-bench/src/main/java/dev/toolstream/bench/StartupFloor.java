package dev.toolstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh-JVM program for the cold-start floor: the least any agent on this stack does before it
 * can answer, without any of Toolstream. {@code empty} only prints; {@code mapper} builds a Jackson
 * {@code JsonMapper} and reads and writes a small tree with it (what binds a {@code @Tool} method's
 * arguments and writes its result); {@code okhttp} makes one plain-HTTP OkHttp request to a
 * loopback server (no TLS set-up, as the weather agent's simulation needs none); {@code both} does
 * the last two at once, on two threads, as a start-up that overlaps them at best can. Each prints
 * one line to stdout at the end, so the time to its first byte is the time to its exit.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.StartupFloor
 * empty|mapper|okhttp|both}.
 */
public final class StartupFloor {
  /** What the loopback server answers: one short event, as a stream's first line would be. */
  private static final byte[] BODY =
      "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.UTF_8);

  private StartupFloor() {}

  /** Does the work {@code args[0]} names and prints what it read. */
  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "both";
    String read =
        switch (mode) {
          case "empty" -> "nothing";
          case "mapper" -> mapper();
          case "okhttp" -> okhttp();
          case "both" -> {
            CompletableFuture<String> request = CompletableFuture.supplyAsync(StartupFloor::okhttp);
            String tree = mapper();
            yield tree + " " + request.join();
          }
          default -> throw new IllegalArgumentException("mode must be empty, mapper, okhttp or both");
        };
    System.out.println(read);
    System.exit(0);
  }

  private static String mapper() {
    JsonMapper mapper = JsonMapper.builder().build();
    JsonNode tree = mapper.readTree("{\"city\":\"Tokyo\",\"days\":[1,2,3]}");
    return mapper.writeValueAsString(tree);
  }

  private static String okhttp() {
    try (LoopbackServer server = LoopbackServer.start()) {
      String url = server.serve("floor", BODY) + "/v1/messages";
      OkHttpClient client =
          new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
      try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
        return response.body().string().length() + " bytes";
      } finally {
        client.dispatcher().executorService().shutdown();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
