package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.json;
import static dev.toolstream.tools.Harness.property;
import static dev.toolstream.tools.Harness.tool;
import static dev.toolstream.tools.Harness.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.toolstream.agent.ToolSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records, POJOs, nesting and recursion: schema, binding, rejection. */
final class ObjectShapesTest {

  record Point(int x, int y) {}

  @Test
  void recordParameterIsClosedObjectWithRequiredComponents() throws Exception {
    class Tools {
      Point got;

      @Tool(description = "d")
      void t(Point at) {
        got = at;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "at"))
        .isEqualTo(
            json(
                "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"},"
                    + "\"y\":{\"type\":\"integer\"}},\"required\":[\"x\",\"y\"],"
                    + "\"additionalProperties\":false}"));
    call(spec, "{\"at\":{\"x\":1,\"y\":2}}");
    assertThat(tools.got).isEqualTo(new Point(1, 2));
    assertThat(violations(spec, "{\"at\":{\"x\":1,\"y\":2,\"z\":3}}"))
        .singleElement()
        .asString()
        .contains("$.at")
        .contains("z");
  }

  /** A bean with a getter/setter pair and a public field. */
  static final class Order {
    private String item;
    public int quantity;

    public String getItem() {
      return item;
    }

    public void setItem(String item) {
      this.item = item;
    }
  }

  @Test
  void pojoParameterUsesItsBeanProperties() throws Exception {
    class Tools {
      Order got;

      @Tool(description = "d")
      void t(Order order) {
        got = order;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    JsonNodeAssert.hasProperties(property(spec, "order"), "item", "quantity");
    assertThat(property(spec, "order").get("additionalProperties").asBoolean()).isFalse();
    call(spec, "{\"order\":{\"item\":\"tea\",\"quantity\":2}}");
    assertThat(tools.got.getItem()).isEqualTo("tea");
    assertThat(tools.got.quantity).isEqualTo(2);
    assertThat(violations(spec, "{\"order\":{\"item\":\"tea\",\"quantity\":\"two\"}}"))
        .singleElement()
        .asString()
        .contains("$.order.quantity");
  }

  @JsonClassDescription("A stop on a trip")
  record Stop(
      @ToolParam(description = "City name") String city,
      @JsonPropertyDescription("Nights to stay") Optional<Integer> nights,
      @ToolParam(name = "by_train", defaultValue = "false") boolean byTrain) {}

  record Trip(String title, List<Stop> stops) {}

  @Test
  void nestedRecordsCarryDescriptionsNamesAndDefaults() throws Exception {
    class Tools {
      Trip got;

      @Tool(description = "d")
      void t(Trip trip) {
        got = trip;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    JsonNodeAssert.hasProperties(property(spec, "trip"), "title", "stops");
    assertThat(property(spec, "trip").at("/properties/stops/items"))
        .isEqualTo(
            json(
                "{\"type\":\"object\",\"properties\":{"
                    + "\"by_train\":{\"type\":\"boolean\",\"default\":false},"
                    + "\"city\":{\"type\":\"string\",\"description\":\"City name\"},"
                    + "\"nights\":{\"type\":[\"integer\",\"null\"],"
                    + "\"description\":\"Nights to stay\"}},"
                    + "\"required\":[\"city\"],\"description\":\"A stop on a trip\","
                    + "\"additionalProperties\":false}"));
    call(
        spec,
        "{\"trip\":{\"title\":\"t\",\"stops\":[{\"city\":\"Porto\",\"nights\":2},"
            + "{\"city\":\"Faro\",\"by_train\":true}]}}");
    assertThat(tools.got)
        .isEqualTo(
            new Trip(
                "t",
                List.of(
                    new Stop("Porto", Optional.of(2), false),
                    new Stop("Faro", Optional.empty(), true))));
    assertThat(violations(spec, "{\"trip\":{\"title\":\"t\",\"stops\":[{\"nights\":2}]}}"))
        .singleElement()
        .asString()
        .contains("$.trip.stops[0]")
        .contains("city");
  }

  record Category(String name, List<Category> children) {}

  @Test
  void recursiveTypeIsReferencedThroughDefs() throws Exception {
    class Tools {
      Category got;

      @Tool(description = "d")
      void t(Category root) {
        got = root;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "root")).isEqualTo(json("{\"$ref\":\"#/$defs/Category\"}"));
    assertThat(spec.definition().inputSchema().at("/$defs/Category/properties/children/items"))
        .isEqualTo(json("{\"$ref\":\"#/$defs/Category\"}"));
    call(spec, "{\"root\":{\"name\":\"a\",\"children\":[{\"name\":\"b\",\"children\":[]}]}}");
    assertThat(tools.got).isEqualTo(new Category("a", List.of(new Category("b", List.of()))));
    assertThat(
            violations(
                spec, "{\"root\":{\"name\":\"a\",\"children\":[{\"name\":7,\"children\":[]}]}}"))
        .singleElement()
        .asString()
        .contains("$.root.children[0].name");
  }

  /** Small assertions on JSON objects. */
  static final class JsonNodeAssert {
    static void hasProperties(tools.jackson.databind.JsonNode schema, String... names) {
      assertThat(schema.get("type").asString()).isEqualTo("object");
      assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrder(names);
      assertThat(Objects.requireNonNull(schema.get("additionalProperties")).asBoolean()).isFalse();
    }
  }
}
