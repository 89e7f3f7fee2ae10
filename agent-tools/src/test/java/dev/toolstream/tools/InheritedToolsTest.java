package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.property;
import static dev.toolstream.tools.Harness.text;
import static dev.toolstream.tools.Harness.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A method is a tool if it, or a method it overrides or implements, carries {@code @Tool}: in the
 * class, a superclass or an interface. The most specific {@code @Tool} declaration describes it;
 * the call always reaches the object's own implementation.
 */
class InheritedToolsTest {
  interface Greeter {
    @Tool(description = "Greets someone.")
    default String greet(@ToolParam(description = "Who to greet") String name) {
      return "Hello, " + name;
    }
  }

  static final class DefaultGreeter implements Greeter {}

  @Test
  void aDefaultMethodOfAnInterfaceIsATool() throws Exception {
    ToolSpec spec = tool(new DefaultGreeter());

    assertThat(spec.name()).isEqualTo("greet");
    assertThat(spec.definition().description()).isEqualTo("Greets someone.");
    assertThat(property(spec, "name").path("description").asString()).isEqualTo("Who to greet");
    assertThat(text(call(spec, "{\"name\":\"Ada\"}"))).isEqualTo("Hello, Ada");
  }

  interface Forecasts {
    @Tool(description = "Forecast for a city.")
    String forecast(@ToolParam(description = "City name") String city);
  }

  static final class SunnyForecasts implements Forecasts {
    @Override
    public String forecast(String city) {
      return "Sunny in " + city;
    }
  }

  @Test
  void anInterfaceToolIsImplementedByTheClassWithoutRepeatingTheAnnotations() throws Exception {
    ToolSpec spec = tool(new SunnyForecasts());

    assertThat(spec.definition().description()).isEqualTo("Forecast for a city.");
    assertThat(property(spec, "city").path("description").asString()).isEqualTo("City name");
    assertThat(text(call(spec, "{\"city\":\"Lima\"}"))).isEqualTo("Sunny in Lima");
  }

  static class Base {
    @Tool(description = "Says what it is.")
    String identify() {
      return "base";
    }
  }

  static final class Derived extends Base {
    @Override
    String identify() {
      return "derived";
    }
  }

  @Test
  void anOverrideWithoutToolIsStillTheToolAndRunsTheOverride() throws Exception {
    ToolSpec spec = tool(new Derived());

    assertThat(spec.definition().description()).isEqualTo("Says what it is.");
    assertThat(text(call(spec, "{}"))).isEqualTo("derived");
  }

  static final class Redescribed implements Greeter {
    @Override
    @Tool(description = "Greets someone warmly.")
    public String greet(@ToolParam(description = "Who to greet warmly") String name) {
      return "Warm hello, " + name;
    }
  }

  @Test
  void theMostSpecificToolDeclarationDescribesTheToolOnce() throws Exception {
    List<ToolSpec> specs = AnnotatedTools.from(new Redescribed());

    assertThat(specs).singleElement().satisfies(spec -> {
      assertThat(spec.definition().description()).isEqualTo("Greets someone warmly.");
      assertThat(property(spec, "name").path("description").asString())
          .isEqualTo("Who to greet warmly");
    });
    assertThat(text(call(specs.get(0), "{\"name\":\"Ada\"}"))).isEqualTo("Warm hello, Ada");
  }
}
