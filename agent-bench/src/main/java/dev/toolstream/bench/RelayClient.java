package dev.toolstream.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Browser-like clients of the weather server's {@code /stream}, many at once on one thread: each
 * opens its own connection, sends the {@code GET} a page's {@code EventSource} or {@code fetch}
 * sends (same-origin), reads the chunked event stream and closes once it has ended. One selector
 * serves them all, so the figure of the server under test is not bent by the client's threads,
 * on Java 17 as on 21.
 *
 * <p>At most {@code opening} connections are being opened at once (from the connect to the
 * response's headers), as browsers arriving over a few seconds would be, so that the server's
 * accept queue (50 by default) never overflows. Each stream's time to first text runs from its
 * connect to its first {@code text} event. A stream is correct when its events are {@code text}
 * (one or more), {@code tool_call}, {@code tool_result}, {@code text} (one or more), {@code done}
 * with {@code "turns":2}, and the body ends with the chunked terminator.
 *
 * <p>Run by {@link RelayStreams} in a process of its own ({@code java -cp benchmarks.jar
 * dev.toolstream.bench.RelayClient URL STREAMS OPENING}), printing one {@code RESULT key=value…}
 * line on stdout; or in the harness's own JVM for the warm-up.
 */
public final class RelayClient {
  private static final Pattern CORRECT = Pattern.compile("t+crt+d");
  private static final String PROMPT = "What%27s%20the%20weather%20in%20Tokyo%3F";

  private RelayClient() {}

  /** What the streams did. */
  record Result(
      int streams,
      int correct,
      int done,
      int errors,
      int failed,
      Map<String, Integer> failures,
      long rampNanos,
      long[] ttftNanos) {

    /** Returns the {@code p}th percentile (0 to 1) of the time to first text, in nanoseconds. */
    long ttft(double p) {
      long[] sorted = ttftNanos.clone();
      Arrays.sort(sorted);
      int index = Math.max(0, (int) Math.ceil(sorted.length * p) - 1);
      return sorted.length == 0 ? -1 : sorted[index];
    }

    /** Returns the one-line form the harness parses. */
    String line() {
      return String.format(
          Locale.ROOT,
          "RESULT streams=%d correct=%d done=%d errors=%d failed=%d ramp_ns=%d with_text=%d"
              + " ttft_p50_ns=%d ttft_p99_ns=%d ttft_max_ns=%d failures=%s",
          streams,
          correct,
          done,
          errors,
          failed,
          rampNanos,
          ttftNanos.length,
          ttft(0.5),
          ttft(0.99),
          ttft(1.0),
          failures.toString().replace(' ', '_'));
    }
  }

  /** Opens {@code args[1]} streams to the server at {@code args[0]} and prints the result. */
  public static void main(String[] args) throws IOException {
    URI page = URI.create(args[0]);
    int streams = Integer.parseInt(args[1]);
    int opening = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    Result result = run(page, streams, opening, Duration.ofMinutes(15));
    System.out.println(result.line());
    System.out.flush();
  }

  /**
   * Opens {@code streams} streams to the page's server, at most {@code opening} being opened at
   * once, and reads each to its end or until {@code deadline} has passed.
   */
  static Result run(URI page, int streams, int opening, Duration deadline) throws IOException {
    InetSocketAddress address = new InetSocketAddress(page.getHost(), page.getPort());
    String hostHeader = page.getHost() + ":" + page.getPort();
    byte[] request =
        ("GET /stream?prompt=" + PROMPT + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Accept: text/event-stream\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Referer: " + page + "\r\n"
                + "Sec-Fetch-Site: same-origin\r\n"
                + "Sec-Fetch-Mode: cors\r\n"
                + "Sec-Fetch-Dest: empty\r\n"
                + "User-Agent: RelayClient (toolstream agent-bench)\r\n"
                + "Connection: keep-alive\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    long[] ttft = new long[streams];
    int withText = 0;
    int correct = 0;
    int done = 0;
    int errors = 0;
    int failed = 0;
    Map<String, Integer> failures = new TreeMap<>();
    int started = 0;
    int inOpening = 0;
    int ended = 0;
    long start = System.nanoTime();
    long rampEnd = 0;
    long end = start + deadline.toNanos();
    ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    try (Selector selector = Selector.open()) {
      while (ended < streams) {
        while (started < streams && inOpening < opening) {
          Stream stream = new Stream(request);
          started++;
          inOpening++;
          try {
            stream.channel = SocketChannel.open();
            stream.channel.configureBlocking(false);
            stream.startedAt = System.nanoTime();
            if (stream.channel.connect(address)) {
              stream.channel.register(selector, SelectionKey.OP_WRITE, stream);
            } else {
              stream.channel.register(selector, SelectionKey.OP_CONNECT, stream);
            }
          } catch (IOException e) {
            inOpening--;
            ended++;
            failed++;
            failures.merge("connect: " + e.getMessage(), 1, Integer::sum);
            stream.close();
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          failures.merge("deadline", streams - ended, Integer::sum);
          failed += streams - ended;
          break;
        }
        selector.select(Math.max(1, Math.min(1000, left / 1_000_000)));
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Stream stream = (Stream) key.attachment();
          String failure = null;
          try {
            if (key.isConnectable()) {
              stream.channel.finishConnect();
              key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
              stream.channel.write(stream.request);
              if (!stream.request.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
              }
            }
            if (key.isValid() && key.isReadable()) {
              in.clear();
              int read = stream.channel.read(in);
              if (read < 0) {
                failure = stream.ended ? null : "closed before the end of the body";
                stream.finished = true;
              } else {
                in.flip();
                boolean hadHead = stream.headRead;
                boolean hadText = stream.firstText != 0;
                failure = stream.feed(in);
                if (!hadHead && stream.headRead) {
                  inOpening--;
                }
                if (!hadText && stream.firstText != 0) {
                  ttft[withText++] = stream.firstText - stream.startedAt;
                  if (withText == streams) {
                    rampEnd = System.nanoTime();
                  }
                }
              }
            }
          } catch (IOException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
          }
          if (failure != null || stream.finished || stream.ended) {
            if (!stream.headRead) {
              inOpening--;
            }
            ended++;
            stream.close();
            done += stream.events.indexOf("d") >= 0 ? 1 : 0;
            errors += stream.events.indexOf("e") >= 0 ? 1 : 0;
            if (failure == null
                && stream.ended
                && stream.doneTurns2
                && CORRECT.matcher(stream.events).matches()) {
              correct++;
            } else {
              failed++;
              failures.merge(
                  failure != null ? failure : "events " + shorten(stream.events), 1, Integer::sum);
            }
          }
        }
      }
    }
    return new Result(
        streams,
        correct,
        done,
        errors,
        failed,
        failures,
        rampEnd == 0 ? -1 : rampEnd - start,
        Arrays.copyOf(ttft, withText));
  }

  private static String shorten(CharSequence events) {
    return events.length() <= 12 ? events.toString() : events.subSequence(0, 12) + "…";
  }

  /** One stream: its connection, where its response is read up to, and the events seen. */
  private static final class Stream {
    private static final int HEAD = 0;
    private static final int SIZE = 1;
    private static final int DATA = 2;
    private static final int DATA_END = 3;
    private static final int TRAILER = 4;

    final ByteBuffer request;
    SocketChannel channel;
    long startedAt;
    long firstText;
    boolean headRead;
    /** The body's chunked terminator has been read. */
    boolean ended;
    /** The connection closed. */
    boolean finished;
    boolean doneTurns2;
    /** One letter per event: t text, c tool_call, r tool_result, d done, e error, ? other. */
    final StringBuilder events = new StringBuilder(8);

    private boolean statusRead;
    private int state = HEAD;
    private long chunkLeft;
    private byte[] line = new byte[256];
    private int lineLength;
    private String event = "";

    Stream(byte[] request) {
      this.request = ByteBuffer.wrap(request);
    }

    /** Reads what arrived; returns why the stream failed, or null. */
    String feed(ByteBuffer bytes) {
      while (bytes.hasRemaining()) {
        switch (state) {
          case HEAD -> {
            if (appendLine(bytes.get())) {
              String text = takeLine();
              if (!statusRead) {
                statusRead = true;
                if (!text.startsWith("HTTP/1.1 200")) {
                  return "status " + text.substring(Math.min(9, text.length()));
                }
              } else if (text.isEmpty()) {
                headRead = true;
                state = SIZE;
              }
            }
          }
          case SIZE -> {
            if (appendLine(bytes.get())) {
              String text = takeLine();
              int semicolon = text.indexOf(';');
              chunkLeft =
                  Long.parseLong((semicolon < 0 ? text : text.substring(0, semicolon)).trim(), 16);
              state = chunkLeft == 0 ? TRAILER : DATA;
            }
          }
          case DATA -> {
            byte b = bytes.get();
            if (--chunkLeft == 0) {
              state = DATA_END;
            }
            if (appendLine(b)) {
              sseLine(takeLine());
            }
          }
          case DATA_END -> {
            if (appendLine(bytes.get())) {
              takeLine(); // The CRLF after a chunk's data.
              state = SIZE;
            }
          }
          case TRAILER -> {
            if (appendLine(bytes.get()) && takeLine().isEmpty()) {
              ended = true;
              return null;
            }
          }
          default -> throw new IllegalStateException("state " + state);
        }
      }
      return null;
    }

    private void sseLine(String text) {
      if (text.isEmpty()) {
        if (!event.isEmpty()) {
          char letter =
              switch (event) {
                case "text" -> 't';
                case "tool_call" -> 'c';
                case "tool_result" -> 'r';
                case "done" -> 'd';
                case "error" -> 'e';
                case "tool_input", "turn" -> ' '; // Progress inside a turn: not checked here.
                default -> '?';
              };
          if (letter == 't' && firstText == 0) {
            firstText = System.nanoTime();
          }
          if (letter != ' ') {
            events.append(letter);
          }
        }
        event = "";
      } else if (text.startsWith("event:")) {
        event = text.substring(6).trim();
      } else if (text.startsWith("data:") && event.equals("done")) {
        doneTurns2 = text.contains("\"turns\":2");
      }
    }

    /** Adds a byte to the line; returns true at its {@code \n}. */
    private boolean appendLine(byte b) {
      if (b == '\n') {
        return true;
      }
      if (lineLength == line.length) {
        line = Arrays.copyOf(line, line.length * 2);
      }
      line[lineLength++] = b;
      return false;
    }

    private String takeLine() {
      int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
      lineLength = 0;
      return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    void close() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        // Closing is all that is left to do.
      }
    }
  }
}
