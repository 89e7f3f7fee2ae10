package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.json;
import static dev.toolstream.tools.Harness.property;
import static dev.toolstream.tools.Harness.tool;
import static dev.toolstream.tools.Harness.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.toolstream.agent.ToolSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Strings, booleans, numbers, UUIDs and enums: schema, binding, rejection. */
final class ScalarShapesTest {

  @Test
  void stringParameter() throws Exception {
    class Tools {
      String got;

      @Tool(description = "d")
      void t(String name) {
        got = name;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "name")).isEqualTo(json("{\"type\":\"string\"}"));
    call(spec, "{\"name\":\"Lisbon\"}");
    assertThat(tools.got).isEqualTo("Lisbon");
    assertThat(violations(spec, "{\"name\":3}")).singleElement().asString().contains("$.name");
  }

  @Test
  void booleanParameter() throws Exception {
    class Tools {
      boolean got;

      @Tool(description = "d")
      void t(boolean loud) {
        got = loud;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "loud")).isEqualTo(json("{\"type\":\"boolean\"}"));
    call(spec, "{\"loud\":true}");
    assertThat(tools.got).isTrue();
    assertThat(violations(spec, "{\"loud\":\"yes\"}"))
        .singleElement()
        .asString()
        .contains("$.loud");
  }

  @Test
  void integerParameters() throws Exception {
    class Tools {
      Object[] got;

      @Tool(description = "d")
      void t(int i, long l, short s, byte b, Integer boxed, BigInteger big) {
        got = new Object[] {i, l, s, b, boxed, big};
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    for (String name : new String[] {"i", "l", "s", "b", "boxed", "big"}) {
      assertThat(property(spec, name).path("type").asString()).as(name).isEqualTo("integer");
    }
    call(
        spec,
        "{\"i\":1,\"l\":9000000000,\"s\":3,\"b\":-4,\"boxed\":5,"
            + "\"big\":123456789012345678901234567890}");
    assertThat(tools.got)
        .containsExactly(
            1,
            9000000000L,
            (short) 3,
            (byte) -4,
            5,
            new BigInteger("123456789012345678901234567890"));
    assertThat(violations(spec, "{\"i\":1.5,\"l\":1,\"s\":1,\"b\":1,\"boxed\":1,\"big\":1}"))
        .singleElement()
        .asString()
        .contains("$.i");
  }

  @Test
  void floatingParameters() throws Exception {
    class Tools {
      Object[] got;

      @Tool(description = "d")
      void t(double d, float f, Double boxed, BigDecimal money) {
        got = new Object[] {d, f, boxed, money};
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    for (String name : new String[] {"d", "f", "boxed", "money"}) {
      assertThat(property(spec, name).path("type").asString()).as(name).isEqualTo("number");
    }
    call(spec, "{\"d\":1.5,\"f\":2.25,\"boxed\":3,\"money\":12345678901234567.89}");
    assertThat(tools.got).containsExactly(1.5, 2.25f, 3.0, new BigDecimal("12345678901234567.89"));
    assertThat(violations(spec, "{\"d\":\"1.5\",\"f\":1,\"boxed\":1,\"money\":1}"))
        .singleElement()
        .asString()
        .contains("$.d");
  }

  @Test
  void uuidParameterHasFormatUuid() throws Exception {
    class Tools {
      UUID got;

      @Tool(description = "d")
      void t(UUID id) {
        got = id;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "id")).isEqualTo(json("{\"type\":\"string\",\"format\":\"uuid\"}"));
    call(spec, "{\"id\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"}");
    assertThat(tools.got).isEqualTo(UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
    assertThat(violations(spec, "{\"id\":42}")).singleElement().asString().contains("$.id");
  }

  enum Unit {
    @JsonProperty("celsius")
    CELSIUS,
    @JsonProperty("fahrenheit")
    FAHRENHEIT
  }

  enum Plain {
    RED,
    GREEN
  }

  @Test
  void enumParameterUsesJacksonNames() throws Exception {
    class Tools {
      Object[] got;

      @Tool(description = "d")
      void t(Unit unit, Plain color) {
        got = new Object[] {unit, color};
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "unit"))
        .isEqualTo(json("{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}"));
    assertThat(property(spec, "color"))
        .isEqualTo(json("{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"]}"));
    call(spec, "{\"unit\":\"fahrenheit\",\"color\":\"GREEN\"}");
    assertThat(tools.got).containsExactly(Unit.FAHRENHEIT, Plain.GREEN);
    assertThat(violations(spec, "{\"unit\":\"kelvin\",\"color\":\"RED\"}"))
        .singleElement()
        .asString()
        .contains("$.unit");
  }

  enum Size {
    @JsonProperty("s")
    SMALL,
    LARGE
  }

  @Test
  void anEnumWithSomeConstantsRenamedOffersTheNamesBindingTakes() throws Exception {
    class Tools {
      Size got;

      @Tool(description = "d")
      void t(Size size) {
        got = size;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "size"))
        .isEqualTo(json("{\"type\":\"string\",\"enum\":[\"s\",\"LARGE\"]}"));
    call(spec, "{\"size\":\"s\"}");
    assertThat(tools.got).isEqualTo(Size.SMALL);
  }
}
