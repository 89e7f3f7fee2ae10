package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.callUnvalidated;
import static dev.toolstream.tools.Harness.tool;
import static dev.toolstream.tools.Harness.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The coercion policy documented on {@link AnnotatedTools}, case by case. */
final class BindingPolicyTest {

  static final class Counter {
    Object got;

    @Tool(description = "d")
    void t(int n) {
      got = n;
    }
  }

  @Test
  void numericStringIsNotCoercedToANumber() {
    ToolSpec spec = tool(new Counter());
    assertThat(violations(spec, "{\"n\":\"42\"}")).singleElement().asString().contains("$.n");
    assertThatThrownBy(() -> callUnvalidated(spec, "{\"n\":\"42\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter \"n\" does not fit its type int");
  }

  @Test
  void wholeValuedNumberBindsToAnInteger() throws Exception {
    Counter tools = new Counter();
    call(tool(tools), "{\"n\":3.0}");
    assertThat(tools.got).isEqualTo(3);
  }

  @Test
  void integerBindsToAFloatingType() throws Exception {
    class Tools {
      double got;

      @Tool(description = "d")
      void t(double x) {
        got = x;
      }
    }
    Tools tools = new Tools();
    call(tool(tools), "{\"x\":2}");
    assertThat(tools.got).isEqualTo(2.0);
  }

  @Test
  void numberIsNotCoercedToABoolean() {
    class Tools {
      @Tool(description = "d")
      void t(boolean on) {}
    }
    assertThatThrownBy(() -> callUnvalidated(tool(new Tools()), "{\"on\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter \"on\" does not fit its type boolean");
  }

  @Test
  void absentPropertyWithDefaultBindsToTheDefault() throws Exception {
    class Tools {
      Object[] got;

      @Tool(description = "d")
      void t(
          @ToolParam(defaultValue = "7") int days,
          @ToolParam(defaultValue = "metric") String units,
          @ToolParam(defaultValue = "[\"a\",\"b\"]") List<String> tags) {
        got = new Object[] {days, units, tags};
      }
    }
    Tools tools = new Tools();
    call(tool(tools), "{}");
    assertThat(tools.got).containsExactly(7, "metric", List.of("a", "b"));
  }

  record Leg(String to, @ToolParam(defaultValue = "true") boolean direct) {}

  @Test
  void absentNestedFieldWithDefaultBindsToTheDefault() throws Exception {
    class Tools {
      List<Leg> got;

      @Tool(description = "d")
      void t(List<Leg> legs) {
        got = legs;
      }
    }
    Tools tools = new Tools();
    call(tool(tools), "{\"legs\":[{\"to\":\"Braga\"},{\"to\":\"Beja\",\"direct\":false}]}");
    assertThat(tools.got).containsExactly(new Leg("Braga", true), new Leg("Beja", false));
  }

  @Test
  void absentOrNullOptionalBindsToEmpty() throws Exception {
    class Tools {
      Optional<String> got;

      @Tool(description = "d")
      void t(Optional<String> note) {
        got = note;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    call(spec, "{}");
    assertThat(tools.got).isEmpty();
    callUnvalidated(spec, "{\"note\":null}");
    assertThat(tools.got).isEmpty();
  }

  @Test
  void absentNotRequiredPropertyWithoutDefaultBindsToNull() throws Exception {
    class Tools {
      Integer got = -1;

      @Tool(description = "d")
      void t(@ToolParam(required = false) Integer limit) {
        got = limit;
      }
    }
    Tools tools = new Tools();
    call(tool(tools), "{}");
    assertThat(tools.got).isNull();
  }

  @Test
  void explicitNullFailsForAPrimitive() {
    assertThatThrownBy(() -> callUnvalidated(tool(new Counter()), "{\"n\":null}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter \"n\" does not fit its type int");
  }

  @Test
  void absentRequiredPropertyFailsNamingIt() {
    assertThatThrownBy(() -> callUnvalidated(tool(new Counter()), "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing required parameter \"n\": send it in the input");
  }

  record Pair(int a, int b) {}

  @Test
  void unknownNestedPropertyFails() {
    class Tools {
      @Tool(description = "d")
      void t(Pair pair) {}
    }
    assertThatThrownBy(
            () -> callUnvalidated(tool(new Tools()), "{\"pair\":{\"a\":1,\"b\":2,\"c\":3}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter \"pair\" does not fit its type")
        .hasMessageContaining("\"c\"");
  }

  @Test
  void valueIsBoundToTheExactGenericType() throws Exception {
    class Tools {
      List<List<Pair>> got;

      @Tool(description = "d")
      void t(List<List<Pair>> grid) {
        got = grid;
      }
    }
    Tools tools = new Tools();
    call(tool(tools), "{\"grid\":[[{\"a\":1,\"b\":2}]]}");
    assertThat(tools.got).isEqualTo(List.of(List.of(new Pair(1, 2))));
  }

  @Test
  void toolContextIsInjectedAndNotInTheSchema() throws Exception {
    class Tools {
      String got;

      @Tool(description = "d")
      void t(dev.toolstream.agent.ToolContext context, String q) {
        got = context.toolUseId() + " " + q;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(spec.definition().inputSchema().get("properties").propertyNames())
        .containsExactly("q");
    call(spec, "{\"q\":\"x\"}");
    assertThat(tools.got).isEqualTo("toolu_test x");
  }
}
