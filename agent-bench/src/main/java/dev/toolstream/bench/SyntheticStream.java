package dev.toolstream.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * One generated Messages API stream: its bytes, its event count and the message it must yield.
 *
 * <p>Streams are generated in code, deterministically (fixed seeds), in the wire shape of the
 * recorded fixtures: {@code message_start}, {@code ping}, {@code content_block_start}, deltas,
 * {@code content_block_stop}, {@code message_delta}, {@code message_stop}.
 *
 * @param name the name the benchmarks use as their parameter
 * @param body the bytes of the event-stream body
 * @param events how many server-sent events the body holds
 * @param text the text of all text blocks joined, as the final message must hold it
 * @param toolInputs the raw JSON input of each tool call, in order
 */
public record SyntheticStream(
    String name, byte[] body, int events, String text, List<String> toolInputs) {

  /** The three streams of the throughput benchmark, by name. */
  public static final String TEXT = "text";

  /** A single tool call whose 1 MB input arrives in 20,000 fragments. */
  public static final String TOOL_1MB = "tool_1mb";

  /** Three tool calls of 50 KB each, after a short text block. */
  public static final String THREE_TOOLS = "three_tools";

  /**
   * {@link #TEXT} written by the server in tiny writes ({@link #TINY_MIN} to {@link #TINY_MAX}
   * bytes), none flushed, so that they arrive coalesced.
   */
  public static final String TEXT_TINY = "text_tiny";

  /**
   * {@link #TOOL_1MB} written by the server in tiny writes ({@link #TINY_MIN} to {@link #TINY_MAX}
   * bytes), none flushed, so that they arrive coalesced.
   */
  public static final String TOOL_1MB_TINY = "tool_1mb_tiny";

  /** The size of each write for the other streams: 8 KiB. */
  public static final int CHUNK = 8 * 1024;

  /** The smallest write of the tiny-chunk streams. */
  public static final int TINY_MIN = 16;

  /** The largest write of the tiny-chunk streams. */
  public static final int TINY_MAX = 64;

  private static final String[] ASCII = {
    "The ",
    "stream ",
    "of ",
    "tokens ",
    "arrives ",
    "quickly",
    ", ",
    ". ",
    "agent ",
    "tool ",
    "calls ",
    "weather ",
    "in ",
    "Tokyo ",
    "is ",
    "42",
    "% ",
    "done "
  };
  private static final String[] ESCAPED = {
    "\n", "\"quoted\" ", "C:\\path\\to ", "\t", "a/b ", "\u0001", "\r\n"
  };
  private static final String[] CJK = {"量子", "もつれ", "東京の", "天気は", "한국어 ", "中文"};
  private static final String[] EMOJI = {"🧪", "🚀 ", "👩‍💻", "🇯🇵", "✅ "};

  /**
   * Returns the stream called {@code name}: {@link #TEXT}, {@link #TOOL_1MB} or {@link
   * #THREE_TOOLS}.
   */
  public static SyntheticStream named(String name) {
    switch (name) {
      case TEXT:
        return text(20_000);
      case TOOL_1MB:
        return toolInput(1_000_000, 20_000);
      case TEXT_TINY:
        return text(20_000).renamed(TEXT_TINY);
      case TOOL_1MB_TINY:
        return toolInput(1_000_000, 20_000).renamed(TOOL_1MB_TINY);
      case THREE_TOOLS:
        return threeTools(50_000, 1_000);
      default:
        throw new IllegalArgumentException(
            "no stream named " + name + "; use " + TEXT + ", " + TOOL_1MB + ", " + THREE_TOOLS
                + ", " + TEXT_TINY + " or " + TOOL_1MB_TINY);
    }
  }

  /** Returns a text stream of {@code deltas} text deltas mixing ASCII, escapes, CJK and emoji. */
  public static SyntheticStream text(int deltas) {
    Random random = new Random(7);
    SseBody sse = new SseBody().messageStart("msg_01BenchText", 18).textStart(0);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < deltas; i++) {
      String piece = textPiece(random);
      text.append(piece);
      sse.text(0, piece);
    }
    sse.stop(0).messageEnd("end_turn", deltas);
    return new SyntheticStream(TEXT, sse.bytes(), sse.events(), text.toString(), List.of());
  }

  /**
   * Returns a stream with one tool call whose input of about {@code inputBytes} UTF-8 bytes arrives
   * in {@code fragments} fragments cut at random places, inside escapes too, after the empty first
   * fragment the API sends.
   */
  public static SyntheticStream toolInput(int inputBytes, int fragments) {
    Random random = new Random(11);
    String input = toolJson(inputBytes, random);
    SseBody sse = new SseBody().messageStart("msg_01BenchTool", 402);
    toolBlock(sse, 0, "toolu_01Bench", input, fragments, random);
    sse.messageEnd("tool_use", fragments);
    String name = inputBytes == 1_000_000 ? TOOL_1MB : "tool_" + inputBytes;
    return new SyntheticStream(name, sse.bytes(), sse.events(), "", List.of(input));
  }

  /** Returns a stream with a short text block, then three tool calls of {@code inputBytes} each. */
  public static SyntheticStream threeTools(int inputBytes, int fragmentsEach) {
    Random random = new Random(13);
    SseBody sse = new SseBody().messageStart("msg_01BenchThree", 431).textStart(0);
    String text = "I'll store the three batches at once.";
    for (String word : text.split("(?<= )")) {
      sse.text(0, word);
    }
    sse.stop(0);
    List<String> inputs = new ArrayList<>();
    for (int index = 1; index <= 3; index++) {
      String input = toolJson(inputBytes, random);
      inputs.add(input);
      toolBlock(sse, index, "toolu_0" + index + "Batch", input, fragmentsEach, random);
    }
    sse.messageEnd("tool_use", 3 * fragmentsEach);
    return new SyntheticStream(THREE_TOOLS, sse.bytes(), sse.events(), text, inputs);
  }

  /** Tells whether the server writes this stream in tiny writes rather than 8 KiB chunks. */
  public boolean tiny() {
    return name.endsWith("_tiny");
  }

  /** Returns the smallest write the server makes of this stream. */
  public int minWrite() {
    return tiny() ? TINY_MIN : CHUNK;
  }

  /** Returns the largest write the server makes of this stream. */
  public int maxWrite() {
    return tiny() ? TINY_MAX : CHUNK;
  }

  /** Serves this stream on {@code server}, in its writes, and returns its base URL. */
  public String serveOn(LoopbackServer server) {
    return server.serve(name, body, minWrite(), maxWrite());
  }

  private SyntheticStream renamed(String newName) {
    return new SyntheticStream(newName, body, events, text, toolInputs);
  }

  /** Returns the body's size in megabytes (10^6 bytes). */
  public double megabytes() {
    return body.length / 1e6;
  }

  private static void toolBlock(
      SseBody sse, int index, String id, String input, int fragments, Random random) {
    sse.toolStart(index, id, "store_records").inputJson(index, "");
    for (String fragment : cut(input, fragments, random)) {
      sse.inputJson(index, fragment);
    }
    sse.stop(index);
  }

  /**
   * Cuts {@code text} into {@code pieces} non-empty pieces at random places, never in a surrogate
   * pair.
   */
  static List<String> cut(String text, int pieces, Random random) {
    if (pieces > text.length() / 2) {
      throw new IllegalArgumentException("too many pieces for " + text.length() + " chars");
    }
    TreeSet<Integer> cuts = new TreeSet<>();
    while (cuts.size() < pieces - 1) {
      int at = 1 + random.nextInt(text.length() - 1);
      if (!Character.isLowSurrogate(text.charAt(at))) {
        cuts.add(at);
      }
    }
    List<String> result = new ArrayList<>(pieces);
    int from = 0;
    for (int at : cuts) {
      result.add(text.substring(from, at));
      from = at;
    }
    result.add(text.substring(from));
    return result;
  }

  /**
   * Returns a JSON object of about {@code targetBytes} UTF-8 bytes, rich in escapes and non-ASCII.
   */
  static String toolJson(int targetBytes, Random random) {
    StringBuilder json = new StringBuilder(targetBytes + 512).append("{\"records\":[");
    int bytes = json.length();
    for (int id = 0; bytes < targetBytes - 2; id++) {
      StringBuilder note = new StringBuilder();
      for (int i = 0, n = 3 + random.nextInt(8); i < n; i++) {
        note.append(textPiece(random));
      }
      String record =
          (id == 0 ? "" : ",")
              + "{\"id\":"
              + id
              + ",\"name\":\"record "
              + id
              + "\",\"note\":\""
              + SseBody.quote(note.toString())
              + "\",\"tags\":[\"量子\",\"🧪\",\"a\\\\b\"],\"score\":"
              + random.nextInt(10_000) / 100.0
              + ",\"ok\":"
              + random.nextBoolean()
              + ",\"parent\":null}";
      json.append(record);
      bytes += record.getBytes(StandardCharsets.UTF_8).length;
    }
    return json.append("]}").toString();
  }

  private static String textPiece(Random random) {
    int kind = random.nextInt(20);
    String[] pool = kind < 14 ? ASCII : kind < 16 ? ESCAPED : kind < 18 ? CJK : EMOJI;
    String piece = pool[random.nextInt(pool.length)];
    return random.nextBoolean() ? piece : piece + ASCII[random.nextInt(ASCII.length)];
  }
}
