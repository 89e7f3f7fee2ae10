package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.json;
import static dev.toolstream.tools.Harness.property;
import static dev.toolstream.tools.Harness.tool;
import static dev.toolstream.tools.Harness.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Arrays, collections, maps and Optional: schema, binding, rejection. */
final class ContainerShapesTest {

  @Test
  void arrayParameter() throws Exception {
    class Tools {
      int[] got;

      @Tool(description = "d")
      void t(int[] values) {
        got = values;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "values"))
        .isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}"));
    call(spec, "{\"values\":[3,1,2]}");
    assertThat(tools.got).containsExactly(3, 1, 2);
    assertThat(violations(spec, "{\"values\":[1,\"two\"]}"))
        .singleElement()
        .asString()
        .contains("$.values[1]");
  }

  @Test
  void listSetAndCollectionParameters() throws Exception {
    class Tools {
      Object[] got;

      @Tool(description = "d")
      void t(List<String> list, Set<Integer> set, Collection<Boolean> flags) {
        got = new Object[] {list, set, flags};
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "list"))
        .isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
    assertThat(property(spec, "set"))
        .isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}"));
    assertThat(property(spec, "flags"))
        .isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"boolean\"}}"));
    call(spec, "{\"list\":[\"a\",\"b\"],\"set\":[2,2,3],\"flags\":[true]}");
    assertThat(tools.got).containsExactly(List.of("a", "b"), Set.of(2, 3), List.of(true));
    assertThat(violations(spec, "{\"list\":\"a\",\"set\":[],\"flags\":[]}"))
        .singleElement()
        .asString()
        .contains("$.list");
  }

  record Point(int x, int y) {}

  @Test
  void mapParameterIsAdditionalPropertiesOfItsValueType() throws Exception {
    class Tools {
      Map<String, Point> got;

      @Tool(description = "d")
      void t(Map<String, Point> places) {
        got = places;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "places"))
        .isEqualTo(
            json(
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"object\","
                    + "\"properties\":{\"x\":{\"type\":\"integer\"},\"y\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"x\",\"y\"],\"additionalProperties\":false}}"));
    call(spec, "{\"places\":{\"home\":{\"x\":1,\"y\":2}}}");
    assertThat(tools.got).containsExactly(Map.entry("home", new Point(1, 2)));
    assertThat(violations(spec, "{\"places\":{\"home\":{\"x\":1,\"y\":\"two\"}}}"))
        .singleElement()
        .asString()
        .contains("$.places.home.y");
  }

  @Test
  void optionalParameterIsNotRequiredAndBindsToItsValue() throws Exception {
    class Tools {
      Optional<Integer> got;

      @Tool(description = "d")
      void t(String city, Optional<Integer> days) {
        got = days;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "days")).isEqualTo(json("{\"type\":\"integer\"}"));
    assertThat(spec.definition().inputSchema().get("required")).isEqualTo(json("[\"city\"]"));
    call(spec, "{\"city\":\"Quito\",\"days\":3}");
    assertThat(tools.got).contains(3);
    call(spec, "{\"city\":\"Quito\"}");
    assertThat(tools.got).isEmpty();
    assertThat(violations(spec, "{\"city\":\"Quito\",\"days\":\"3\"}"))
        .singleElement()
        .asString()
        .contains("$.days");
  }
}
