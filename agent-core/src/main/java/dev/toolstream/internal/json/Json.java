package dev.toolstream.internal.json;

import java.io.Reader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
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
    return parse(MAPPER, text);
  }

  private static JsonNode parse(JsonMapper mapper, String text) {
    return read(mapper, mapper.createParser(text));
  }

  private static JsonNode read(JsonMapper mapper, JsonParser created) {
    try (JsonParser parser = new SignedZeroParser(created)) {
      JsonNode json = mapper.readTree(parser);
      return json == null ? MissingNode.getInstance() : json;
    }
  }

  /**
   * Reports a negative zero as "not a number". For that answer, and only with {@code
   * USE_BIG_DECIMAL_FOR_FLOATS} on, Jackson's tree reader builds a double node from the number's
   * text instead of a {@code BigDecimal}, and the double keeps the sign. A test
   * ({@code FieldsGoBackAsTheyCameTest.negativeZeroInToolInputIsKept}) pins this, so a Jackson
   * upgrade that changes the path fails there.
   */
  private static final class SignedZeroParser extends JsonParserDelegate {
    SignedZeroParser(JsonParser parser) {
      super(parser);
    }

    @Override
    public boolean isNaN() {
      return super.isNaN() || isNegativeZero();
    }

    /** Reads the text, not the value: reading the value first would cache it without its sign. */
    private boolean isNegativeZero() {
      if (currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
        return false;
      }
      String number = getString();
      if (number.isEmpty() || number.charAt(0) != '-') {
        return false;
      }
      for (int i = 1; i < number.length(); i++) {
        char c = number.charAt(i);
        if (c == 'e' || c == 'E') {
          break;
        }
        if (c >= '1' && c <= '9') {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Parses {@code text} as {@link #parse(String)} does, nested at most {@code maxDepth} deep, the
   * parser counting as it goes, so depth costs nothing more to check.
   *
   * @throws StreamConstraintsException if it is nested deeper
   * @throws JacksonException if it is not valid JSON, or holds more than one value
   */
  public static JsonNode parse(String text, int maxDepth) {
    return parse(BOUNDED.computeIfAbsent(maxDepth, Json::bounded), text);
  }

  /**
   * Parses the first {@code length} characters of {@code chars} as {@link #parse(String, int)}
   * does, reading them where they are: a large tool input is not copied into a string first.
   *
   * @throws StreamConstraintsException if it is nested deeper than {@code maxDepth}
   * @throws JacksonException if it is not valid JSON, or holds more than one value
   */
  public static JsonNode parse(char[] chars, int length, int maxDepth) {
    JsonMapper mapper = BOUNDED.computeIfAbsent(maxDepth, Json::bounded);
    return read(mapper, mapper.createParser(chars, 0, length));
  }

  /**
   * Parses the text {@code reader} gives as {@link #parse(String, int)} does, reading it as the
   * parser goes: a large tool input kept in pieces is not joined into a string first.
   *
   * @throws StreamConstraintsException if it is nested deeper than {@code maxDepth}
   * @throws JacksonException if it is not valid JSON, or holds more than one value
   */
  public static JsonNode parse(Reader reader, int maxDepth) {
    JsonMapper mapper = BOUNDED.computeIfAbsent(maxDepth, Json::bounded);
    return read(mapper, mapper.createParser(reader));
  }

  private static JsonMapper bounded(int maxDepth) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
            .build();
    return configure(JsonMapper.builder(factory)).build();
  }
}
