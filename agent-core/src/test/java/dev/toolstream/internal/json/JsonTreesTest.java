package dev.toolstream.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.stream.RecordedStreams;
import java.util.Random;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * {@link Json#parse} builds its trees itself, from a Jackson parser's tokens ({@link TreeReader})
 * or, for a tool input's characters, with no parser at all ({@link TreeScanner}); both must build
 * the trees Jackson's own tree reader builds with the library's settings, node type for node type
 * and digit for digit, on every kind of value, on every event and message recorded from the API,
 * and on text damaged at random, where all three must refuse the same texts.
 */
class JsonTreesTest {

  static Stream<String> values() {
    return Stream.of(
        "{}",
        "[]",
        "\"\"",
        "0",
        "true",
        "false",
        "null",
        "{\"a\":1,\"b\":[1,2,{\"c\":null}],\"d\":{\"e\":{\"f\":[[],[{}]]}}}",
        "[2147483647, 2147483648, -2147483648, -2147483649]",
        "[9223372036854775807, 9223372036854775808, -9223372036854775809]",
        "[123456789012345678901234567890, -123456789012345678901234567890]",
        "[1.0, 1.50, 0.0, 0.000, 1e400, 1E-400, 12345678901234567.89, 2.5e3, -7.25]",
        "{\"a\":1,\"a\":\"second\",\"b\":{\"x\":1,\"x\":[2]}}",
        "{\"text\":\"tab\\there \\\"quoted\\\" \\\\ \\/ \\u00e9 \\ud83e\\uddea \u91cf\u5b50\"}",
        "{\"\":\"empty name\",\"nested\":[[[[[[[[[[\"deep\"]]]]]]]]]]}",
        "  {\"spaced\" : [ 1 , 2 ] }  ");
  }

  @ParameterizedTest
  @MethodSource("values")
  void buildsTheTreeJacksonsTreeReaderBuilds(String text) {
    JsonNode expected = Json.MAPPER.readTree(text);

    for (JsonNode parsed : List.of(Json.parse(text), scanned(text, 1000), fromTokens(text))) {
      assertThat(parsed).isEqualTo(expected);
      assertThat(Json.write(parsed)).isEqualTo(Json.write(expected));
      assertSameNodeTypes(parsed, expected);
    }
  }

  static List<String> recordedJson() {
    List<String> texts = new ArrayList<>();
    for (String stream : RecordedStreams.allStreams()) {
      for (String line : RecordedStreams.text(stream).split("\n")) {
        if (line.startsWith("data: ")) {
          texts.add(line.substring("data: ".length()));
        }
      }
    }
    for (String message : RecordedStreams.MESSAGES) {
      texts.add(RecordedStreams.text(message));
    }
    return texts;
  }

  @Test
  void buildsTheSameTreesAsJacksonForEveryRecordedEventAndMessage() {
    List<String> texts = recordedJson();
    assertThat(texts).hasSizeGreaterThan(100);
    for (String text : texts) {
      JsonNode expected = Json.MAPPER.readTree(text);
      for (JsonNode parsed : List.of(Json.parse(text), fromTokens(text))) {
        assertThat(Json.write(parsed)).as(text).isEqualTo(Json.write(expected));
        assertSameNodeTypes(parsed, expected);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.0", "-0.000", "-0e5", "-0.0E-3"})
  void keepsTheSignOfANegativeZero(String zero) {
    String text = "{\"x\":" + zero + "}";
    for (JsonNode parsed : List.of(Json.parse(text).get("x"), fromTokens(text).get("x"))) {
      assertThat(parsed.isDouble()).isTrue();
      assertThat(1 / parsed.doubleValue()).isNegative();
    }
  }

  @Test
  void readsAnIntegerNegativeZeroAsZero() {
    for (JsonNode parsed : List.of(Json.parse("-0"), fromTokens("-0"))) {
      assertThat(parsed.intValue()).isZero();
      assertThat(parsed.isInt()).isTrue();
    }
  }

  @Test
  void readsEmptyTextAsAMissingNode() {
    assertThat(Json.parse("").isMissingNode()).isTrue();
    assertThat(Json.parse("   ").isMissingNode()).isTrue();
    assertThat(scanned("", 10).isMissingNode()).isTrue();
    assertThat(scanned(" \n ", 10).isMissingNode()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1} {\"b\":2}",
        "[1] 2",
        "1 2",
        "{\"a\":}",
        "[1,]",
        "{\"a\" 1}",
        "[1",
        "{\"a\":[1}",
        "\"open",
        "tru",
        "truex",
        "01",
        "-",
        "1.",
        ".5",
        "+1",
        "1e",
        "[1 2]",
        "{\"a\":1,}",
        "{,}",
        "{\"a\":1]",
        "[1}",
        "\"bad \\x escape\"",
        "\"short \\u12\"",
        "\"full-width digits \\u\uff10\uff10\uff14\uff11\"",
        "\"raw \n line\"",
        "NaN"
      })
  void refusesTextThatIsNotExactlyOneValue(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> scanned(text, 10)).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> fromTokens(text)).isInstanceOf(JacksonException.class);
  }

  @Test
  void refusesNestingDeeperThanTheBoundAndReadsNestingWithinIt() {
    String fifty = "[".repeat(50) + "]".repeat(50);

    assertThat(Json.parse(fifty, 50).isArray()).isTrue();
    assertThat(scanned(fifty, 50).isArray()).isTrue();
    assertThatThrownBy(() -> Json.parse(fifty, 49))
        .isInstanceOf(StreamConstraintsException.class);
    assertThatThrownBy(() -> scanned(fifty, 49)).isInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void readsNestingFarDeeperThanItsOwnStartingStack() {
    String deep = "{\"a\":".repeat(900) + "1" + "}".repeat(900);

    JsonNode parsed = scanned(deep, 1000);

    JsonNode node = parsed;
    for (int i = 0; i < 900; i++) {
      node = node.get("a");
    }
    assertThat(node.intValue()).isEqualTo(1);
  }

  @Test
  void agreesWithJacksonOnTextDamagedAtRandom() {
    Random random = new Random(20);
    String pieces = "{}[],:\"\\ -+.0123456789eEtrufalsn\u00e9\ud83e\uddeauU/\t\n";
    int refused = 0;
    for (int round = 0; round < 4_000; round++) {
      StringBuilder text = new StringBuilder(randomValue(random, 0));
      for (int damage = random.nextInt(3); damage > 0 && text.length() > 0; damage--) {
        int at = random.nextInt(text.length());
        char piece = pieces.charAt(random.nextInt(pieces.length()));
        switch (random.nextInt(3)) {
          case 0:
            text.deleteCharAt(at);
            break;
          case 1:
            text.insert(at, piece);
            break;
          default:
            text.setCharAt(at, piece);
        }
      }
      String damaged = text.toString();
      JsonNode expected;
      try {
        expected = Json.MAPPER.readTree(damaged);
      } catch (JacksonException e) {
        assertThatThrownBy(() -> scanned(damaged, 1000))
            .as(damaged)
            .isInstanceOf(JacksonException.class);
        refused++;
        continue;
      }
      if (expected == null || expected.isMissingNode() || hasNegativeZero(damaged)) {
        continue; // Pinned above: Jackson's own tree reader loses a zero's sign.
      }
      JsonNode parsed = scanned(damaged, 1000);
      assertThat(Json.write(parsed)).as(damaged).isEqualTo(Json.write(expected));
      assertSameNodeTypes(parsed, expected);
    }
    assertThat(refused).as("damaged texts refused").isBetween(500, 3_500);
  }

  private static String randomValue(Random random, int depth) {
    switch (depth > 4 ? 3 + random.nextInt(5) : random.nextInt(8)) {
      case 0:
      case 1:
        StringBuilder object = new StringBuilder("{");
        for (int i = random.nextInt(4); i > 0; i--) {
          object.append(randomString(random)).append(':').append(randomValue(random, depth + 1));
          object.append(i > 1 ? "," : "");
        }
        return object.append('}').toString();
      case 2:
        StringBuilder array = new StringBuilder("[");
        for (int i = random.nextInt(4); i > 0; i--) {
          array.append(randomValue(random, depth + 1)).append(i > 1 ? ", " : "");
        }
        return array.append(']').toString();
      case 3:
      case 4:
        return randomString(random);
      case 5:
        String[] numbers = {
          "0", "-1", "42", "2147483648", "-9223372036854775809", "3.14", "1.50", "-2e-3", "6E+23",
          "0.000", "123456789012345678901234567890.5"
        };
        return numbers[random.nextInt(numbers.length)];
      default:
        String[] literals = {"true", "false", "null"};
        return literals[random.nextInt(literals.length)];
    }
  }

  private static String randomString(Random random) {
    String[] strings = {
      "\"\"", "\"id\"", "\"name\"", "\"a\\\"b\"", "\"\\u00e9t\\u00e9\"", "\"\u91cf\u5b50 \ud83e\uddea\"",
      "\"tab\\tline\\n\"", "\"slash\\/\""
    };
    return strings[random.nextInt(strings.length)];
  }

  private static boolean hasNegativeZero(String text) {
    return text.matches("(?s).*-0(?![0-9]*[1-9]).*") && text.matches("(?s).*-0[.eE].*");
  }

  @Test
  void readsNumbersAndNamesBeyondTheScannersLimitsThroughJacksonToTheSameTree() {
    String digits = "9".repeat(TreeScanner.MAX_NUMBER + 1);
    String name = "n".repeat(TreeScanner.MAX_NAME + 1);
    String text = "{\"" + name + "\":[" + digits + ", 1." + digits + ", -0.0]}";

    JsonNode parsed = Json.parse(text);

    assertThat(parsed.get(name).get(0).bigIntegerValue()).hasToString(digits);
    assertThat(parsed.get(name).get(1).decimalValue()).hasToString("1." + digits);
    assertThat(1 / parsed.get(name).get(2).doubleValue()).isNegative();
  }

  /** Builds the tree from a Jackson parser's tokens, as text the scanner declines is read. */
  private static JsonNode fromTokens(String text) {
    try (JsonParser parser = Json.MAPPER.createParser(text)) {
      return TreeReader.read(parser);
    }
  }

  /** Parses {@code text} as a tool input is parsed: from its characters. */
  private static JsonNode scanned(String text, int maxDepth) {
    char[] chars = text.toCharArray();
    return Json.parse(chars, chars.length, maxDepth);
  }

  private static void assertSameNodeTypes(JsonNode actual, JsonNode expected) {
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    if (expected.isContainer()) {
      assertThat(actual.size()).isEqualTo(expected.size());
      if (expected.isObject()) {
        for (String name : expected.propertyNames()) {
          assertSameNodeTypes(actual.get(name), expected.get(name));
        }
      } else {
        for (int i = 0; i < expected.size(); i++) {
          assertSameNodeTypes(actual.get(i), expected.get(i));
        }
      }
    }
  }
}
