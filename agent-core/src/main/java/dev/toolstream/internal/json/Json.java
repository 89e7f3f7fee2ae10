package dev.toolstream.internal.json;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one Jackson mapper of the library, configured once. Not part of the public API. */
public final class Json {
  /**
   * The shared mapper. Thread-safe. Numbers with a fraction or exponent are read as {@code
   * BigDecimal}, trailing zeros kept, so a tool's input keeps every digit the model wrote, both
   * for the handler and in the history sent back (a double would round {@code
   * 12345678901234567.89}).
   */
  public static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

  /** Mappers like {@link #MAPPER} whose parser refuses deeper nesting, by depth; built once each. */
  private static final Map<Integer, JsonMapper> BOUNDED = new ConcurrentHashMap<>();

  private Json() {}

  private static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  }

  /** Returns a new, empty JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Returns {@code node} as compact JSON text. */
  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /**
   * Parses {@code text} as one JSON value, every number kept as written: decimals as {@code
   * BigDecimal} (see {@link #MAPPER}), and a negative zero such as {@code -0.0} as the double
   * {@code -0.0}, since a {@code BigDecimal} has no sign for zero. Its scale is not kept ({@code
   * -0.000} comes back as {@code -0.0}), and an integer {@code -0} reads as {@code 0}, as in every
   * JSON reader but JavaScript's. Empty text gives a missing node.
   *
   * @throws JacksonException if it is not valid JSON, or holds more than one value
   */
  public static JsonNode parse(String text) {
    return parse(text, StreamReadConstraints.DEFAULT_MAX_DEPTH);
  }

  /**
   * Parses {@code text} as {@link #parse(String)} does, nested at most {@code maxDepth} deep.
   *
   * @throws StreamConstraintsException if it is nested deeper
   * @throws JacksonException if it is not valid JSON, or holds more than one value
   */
  public static JsonNode parse(String text, int maxDepth) {
    char[] chars = text.toCharArray();
    return parse(chars, chars.length, maxDepth);
  }

  /**
   * Parses the first {@code length} characters of {@code chars} as {@link #parse(String, int)}
   * does, reading them where they are. Well-formed text is read without a Jackson parser ({@link
   * TreeScanner}, in two thirds of the time on a large tool input; see agent-bench's {@code
   * LayerBenchmark}); anything else goes to Jackson, which says what is wrong and where.
   *
   * @throws StreamConstraintsException if it is nested deeper than {@code maxDepth}
   * @throws JacksonException if it is not valid JSON, or holds more than one value
   */
  public static JsonNode parse(char[] chars, int length, int maxDepth) {
    JsonNode scanned = TreeScanner.scan(chars, length, maxDepth);
    if (scanned != null) {
      return scanned;
    }
    JsonMapper mapper =
        maxDepth == StreamReadConstraints.DEFAULT_MAX_DEPTH
            ? MAPPER
            : BOUNDED.computeIfAbsent(maxDepth, Json::bounded);
    try (JsonParser parser = mapper.createParser(chars, 0, length)) {
      return TreeReader.read(parser);
    }
  }

  private static JsonMapper bounded(int maxDepth) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
            .build();
    return configure(JsonMapper.builder(factory)).build();
  }
}
