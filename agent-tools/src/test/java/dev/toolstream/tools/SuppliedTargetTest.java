package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Tools read from a class and run on whatever object a supplier gives at each call, as a container
 * that hands out proxies needs.
 */
final class SuppliedTargetTest {

  static class Greeter {
    final String greeting;

    Greeter(String greeting) {
      this.greeting = greeting;
    }

    @Tool(description = "Greets someone.")
    public String greet(String name) {
      return greeting + ", " + name;
    }
  }

  @Test
  void eachCallRunsOnTheObjectTheSupplierGivesThen() throws Exception {
    AtomicReference<Greeter> current = new AtomicReference<>(new Greeter("Hello"));
    List<ToolSpec> tools = AnnotatedTools.from(Greeter.class, current::get);

    assertThat(text(call(tools.get(0), "{\"name\":\"Ada\"}"))).isEqualTo("Hello, Ada");
    current.set(new Greeter("Bonjour"));
    assertThat(text(call(tools.get(0), "{\"name\":\"Ada\"}"))).isEqualTo("Bonjour, Ada");
  }

  @Test
  void aSubclassThatWrapsTheMethodRunsItsWrapperLikeAProxy() throws Exception {
    List<String> advice = new ArrayList<>();
    Greeter proxy =
        new Greeter("Hello") {
          @Override
          public String greet(String name) {
            advice.add("before " + name);
            return super.greet(name);
          }
        };
    List<ToolSpec> tools = AnnotatedTools.from(Greeter.class, () -> proxy);

    assertThat(text(call(tools.get(0), "{\"name\":\"Ada\"}"))).isEqualTo("Hello, Ada");
    assertThat(advice).containsExactly("before Ada");
  }

  @Test
  void theToolsAreReadWithoutAskingTheSupplier() {
    List<ToolSpec> tools =
        AnnotatedTools.from(
            Greeter.class,
            () -> {
              throw new AssertionError("asked at registration");
            });

    assertThat(tools).extracting(ToolSpec::name).containsExactly("greet");
  }

  @Test
  void aSupplierThatGivesAnotherKindOfObjectFailsTheCallNamingBoth() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<ToolSpec> tools = AnnotatedTools.from((Class) Greeter.class, () -> "not a greeter");

    assertThatThrownBy(() -> call(tools.get(0), "{\"name\":\"Ada\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the tool Greeter.greet(String) has no Greeter to run on: its target supplied a"
                + " java.lang.String; supply an instance of the class its tools were read from");
  }
}
