package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.json;
import static dev.toolstream.tools.Harness.property;
import static dev.toolstream.tools.Harness.tool;
import static dev.toolstream.tools.Harness.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.toolstream.agent.ToolSpec;
import org.junit.jupiter.api.Test;

/** Sealed interfaces and @JsonSubTypes as anyOf: schema, binding, rejection. */
final class PolymorphicShapesTest {

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  sealed interface Shape permits Circle, Square {}

  @JsonTypeName("circle")
  record Circle(double radius) implements Shape {}

  @JsonTypeName("square")
  record Square(double side) implements Shape {}

  @Test
  void sealedInterfaceIsAnyOfItsPermittedSubclasses() throws Exception {
    class Tools {
      Shape got;

      @Tool(description = "d")
      void t(Shape shape) {
        got = shape;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "shape"))
        .isEqualTo(
            json(
                "{\"anyOf\":["
                    + "{\"type\":\"object\",\"properties\":{\"radius\":{\"type\":\"number\"},"
                    + "\"kind\":{\"const\":\"circle\"}},\"required\":[\"radius\",\"kind\"],"
                    + "\"additionalProperties\":false},"
                    + "{\"type\":\"object\",\"properties\":{\"side\":{\"type\":\"number\"},"
                    + "\"kind\":{\"const\":\"square\"}},\"required\":[\"side\",\"kind\"],"
                    + "\"additionalProperties\":false}]}"));
    call(spec, "{\"shape\":{\"kind\":\"square\",\"side\":2}}");
    assertThat(tools.got).isEqualTo(new Square(2));
    assertThat(violations(spec, "{\"shape\":{\"kind\":\"triangle\",\"side\":2}}"))
        .isNotEmpty()
        .allSatisfy(violation -> assertThat(violation).contains("$.shape"));
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
  sealed interface Payment permits Card, Transfer {}

  record Card(String number) implements Payment {}

  record Transfer(String iban) implements Payment {}

  @Test
  void sealedInterfaceWithDeductionNeedsNoTypeProperty() throws Exception {
    class Tools {
      Payment got;

      @Tool(description = "d")
      void t(Payment payment) {
        got = payment;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "payment").get("anyOf")).hasSize(2);
    call(spec, "{\"payment\":{\"iban\":\"PT50\"}}");
    assertThat(tools.got).isEqualTo(new Transfer("PT50"));
    assertThat(violations(spec, "{\"payment\":{\"bic\":\"X\"}}"))
        .isNotEmpty()
        .allSatisfy(violation -> assertThat(violation).contains("$.payment"));
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Email.class, name = "email"),
    @JsonSubTypes.Type(value = Sms.class, name = "sms")
  })
  interface Notice {}

  record Email(String address) implements Notice {}

  record Sms(String phone) implements Notice {}

  @Test
  void jsonSubTypesAreAnyOfTheListedTypes() throws Exception {
    class Tools {
      Notice got;

      @Tool(description = "d")
      void t(Notice notice) {
        got = notice;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "notice").get("anyOf")).hasSize(2);
    assertThat(property(spec, "notice").at("/anyOf/1/properties/type"))
        .isEqualTo(json("{\"const\":\"sms\"}"));
    call(spec, "{\"notice\":{\"type\":\"sms\",\"phone\":\"+351\"}}");
    assertThat(tools.got).isEqualTo(new Sms("+351"));
    assertThat(violations(spec, "{\"notice\":{\"type\":\"fax\",\"phone\":\"+351\"}}"))
        .isNotEmpty()
        .allSatisfy(violation -> assertThat(violation).contains("$.notice"));
  }
}
