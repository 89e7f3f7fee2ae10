package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunked framing on the wire, read with a bare socket: the sizes the chunking promises. */
final class ChunkFramingTest {
  private static final Turn TURN = Turn.builder().text("Grüße aus Köln").build();

  /** Sends one streaming request and returns the body's chunk sizes, terminator excluded. */
  private static List<Integer> chunkSizes(ScriptedClaude claude, ByteArrayOutputStream body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", claude.port())) {
      byte[] json = Api.STREAM_BODY.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + json.length
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(json);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      while (!line(in).isEmpty()) {
        // Skip the status line and headers.
      }
      List<Integer> sizes = new ArrayList<>();
      for (int size = Integer.parseInt(line(in), 16);
          size > 0;
          size = Integer.parseInt(line(in), 16)) {
        sizes.add(size);
        body.write(in.readNBytes(size));
        assertThat(line(in)).isEmpty();
      }
      return sizes;
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        throw new IOException("Connection closed inside a line");
      }
      line.append((char) b);
    }
    return line.toString().replace("\r", "");
  }

  @Test
  void singleByteChunkingSendsEveryByteInItsOwnChunk() throws IOException {
    try (ScriptedClaude claude =
        ScriptedClaude.builder().replies(TURN).chunking(Chunking.bytes(1)).build().start()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();

      List<Integer> sizes = chunkSizes(claude, body);

      assertThat(sizes).hasSize(body.size()).containsOnly(1);
      assertThat(body.toString(StandardCharsets.UTF_8))
          .isEqualTo(TURN.toSse().replace("claude-sonnet-4-6", "claude-opus-4-1"));
    }
  }

  @Test
  void eventChunkingSendsOneChunkPerEvent() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(TURN)) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();

      List<Integer> sizes = chunkSizes(claude, body);

      assertThat(sizes).hasSize(SseEvents.parse(TURN.toSse()).size());
      assertThat(sizes.get(0))
          .isEqualTo(
              Api.firstEvents(body.toString(StandardCharsets.UTF_8), 1)
                  .getBytes(StandardCharsets.UTF_8)
                  .length);
    }
  }

  @Test
  void fixedSizeChunksRunAcrossEventBoundaries() throws IOException {
    try (ScriptedClaude claude =
        ScriptedClaude.builder().replies(TURN).chunking(Chunking.bytes(100)).build().start()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();

      List<Integer> sizes = chunkSizes(claude, body);

      assertThat(sizes.subList(0, sizes.size() - 1)).containsOnly(100);
      assertThat(sizes.get(sizes.size() - 1)).isBetween(1, 100);
    }
  }

  @Test
  void wholeChunkingSendsTheBodyInOneChunk() throws IOException {
    try (ScriptedClaude claude =
        ScriptedClaude.builder().replies(TURN).chunking(Chunking.whole()).build().start()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();

      assertThat(chunkSizes(claude, body)).containsExactly(body.size());
    }
  }
}
