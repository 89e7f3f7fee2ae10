package dev.toolstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The floor: the same request over the same OkHttp, the body read line by line with {@link
 * BufferedSource#readUtf8Line()} and nothing else (no SSE fields, no JSON). Not thread-safe; one
 * per benchmark thread.
 */
public final class RawReader implements AutoCloseable {
  private static final byte[] REQUEST =
      ("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":1024,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final OkHttpClient http = new OkHttpClient();
  private final Request request;

  /** Returns a reader of the stream served at {@code baseUrl}. */
  public RawReader(String baseUrl) {
    this.request =
        new Request.Builder()
            .url(baseUrl + "/v1/messages")
            .post(RequestBody.create(REQUEST, MediaType.get("application/json")))
            .header("accept", "text/event-stream")
            .build();
  }

  /** Reads the body to its end and returns the number of lines plus the characters they hold. */
  public long read() {
    return read(LineHandler.NONE);
  }

  /**
   * Reads the body to its end, handing each line to {@code handler}; returns lines plus characters.
   */
  public long read(LineHandler handler) {
    try (Response response = http.newCall(request).execute()) {
      BufferedSource source = response.body().source();
      long total = 0;
      String line;
      while ((line = source.readUtf8Line()) != null) {
        handler.onLine(line);
        total += 1 + line.length();
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Receives each line as it is read. */
  public interface LineHandler {
    /** A handler that does nothing. */
    LineHandler NONE = line -> {};

    /** Called with each line, without its line end. */
    void onLine(String line);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
