package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration rejects what cannot become a tool, naming the method and the fix. */
final class RegistrationErrorsTest {

  @Test
  void missingDescriptionIsRejected() {
    class Tools {
      @Tool(description = " ")
      void ping() {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.ping() has no description: add @Tool(description = \"...\")"
                + " saying what the tool does and when to use it");
  }

  @Test
  void duplicateNamesInOneClassAreRejected() {
    class Tools {
      @Tool(name = "lookup", description = "d")
      void a() {}

      @Tool(name = "lookup", description = "d")
      void b() {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "two tools are named \"lookup\" (AnnotatedTool{Tools.a()} and"
                + " AnnotatedTool{Tools.b()}): rename one with @Tool(name = \"...\")");
  }

  static final class MathTools {
    @Tool(description = "Adds two numbers")
    static int add(int a, int b) {
      return a + b;
    }
  }

  @Test
  void duplicateNamesAcrossSourcesAreRejected() {
    class More {
      @Tool(description = "d")
      int add(int x) {
        return x;
      }
    }
    assertThatThrownBy(() -> AnnotatedTools.fromAll(MathTools.class, new More()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "two tools are named \"add\" (AnnotatedTool{MathTools.add(int, int)} and"
                + " AnnotatedTool{More.add(int)}): rename one with @Tool(name = \"...\")");
  }

  @Test
  void missingParameterNamesAreRejectedWithBothFixes(@TempDir Path dir) throws Exception {
    Class<?> compiled =
        WithoutParameters.compile(
            dir,
            "Plain",
            "import dev.toolstream.tools.Tool;\n"
                + "public class Plain {\n"
                + "  @Tool(description = \"d\") public String echo(String text) { return text; }\n"
                + "}\n");
    Object instance = compiled.getConstructor().newInstance();
    assertThatThrownBy(() -> AnnotatedTools.from(instance))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Plain.echo(String) parameter 0 (String) has no name: compile with"
                + " -parameters or add @ToolParam(name = \"...\")");
  }

  @Test
  void toolParamNameMakesUpForMissingParameterNames(@TempDir Path dir) throws Exception {
    Class<?> compiled =
        WithoutParameters.compile(
            dir,
            "Named",
            "import dev.toolstream.tools.*;\n"
                + "public class Named {\n"
                + "  @Tool(description = \"d\")\n"
                + "  public String echo(@ToolParam(name = \"text\") String text) { return text; }\n"
                + "}\n");
    List<ToolSpec> specs = AnnotatedTools.from(compiled.getConstructor().newInstance());
    assertThat(specs.get(0).definition().inputSchema().get("required").get(0).asString())
        .isEqualTo("text");
  }

  @Test
  void typeVariableParameterIsRejected() {
    class Tools {
      @Tool(description = "d")
      <T> void t(List<T> values) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(List) parameter \"values\" is not supported: its type argument T"
                + " is not concrete: use a concrete type");
  }

  @Test
  void optionalIntParameterIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(OptionalInt n) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(OptionalInt) parameter \"n\" is not supported: its type"
                + " OptionalInt is not supported: use Optional<Integer>, Optional<Long> or"
                + " Optional<Double>");
  }

  @Test
  void optionalPrimitiveWithoutDefaultIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(@ToolParam(required = false) int limit) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(int) parameter \"limit\" is optional but a int cannot be absent:"
                + " give it a defaultValue, or use Integer or Optional<Integer>");
  }

  @Test
  void futureReturnIsRejected() {
    class Tools {
      @Tool(description = "d")
      CompletableFuture<String> t() {
        return CompletableFuture.completedFuture("x");
      }
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t() cannot be a tool: it returns CompletableFuture: return the"
                + " value itself; the agent already runs tools on its own executor");
  }

  sealed interface Untagged permits Left, Right {}

  record Left(int l) implements Untagged {}

  record Right(int r) implements Untagged {}

  @Test
  void sealedTypeWithoutTypeInfoIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(Optional<Untagged> value) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(Optional) cannot be a tool: sealed type Untagged has no"
                + " @JsonTypeInfo, so its subtype cannot be told from the input: add"
                + " @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = \"type\") (and"
                + " @JsonTypeName on each subtype), or Id.DEDUCTION if their properties differ");
  }

  enum Unit {
    CELSIUS,
    FAHRENHEIT
  }

  @Test
  void defaultValueThatDoesNotFitTheTypeIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(@ToolParam(defaultValue = "KELVIN") Unit unit) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "@Tool method Tools.t(Unit) parameter \"unit\" has a default value that is not a"
                + " dev.toolstream.tools.RegistrationErrorsTest$Unit: ")
        .hasMessageContaining("KELVIN")
        .hasMessageEndingWith("; fix @ToolParam(defaultValue = ...)");
  }

  @Test
  void defaultValueThatIsNotJsonIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(@ToolParam(defaultValue = "seven") int days) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(int) parameter \"days\" has a default value that is not a int:"
                + " default value 'seven' is not JSON: write it as a JSON literal such as 3, true,"
                + " [\"a\"] or {\"x\": 1}; fix @ToolParam(defaultValue = ...)");
  }

  record Stay(@ToolParam(defaultValue = "\"two\"") int nights) {}

  @Test
  void aFieldDefaultThatDoesNotFitItsTypeIsRejectedNamingTheField() {
    class Tools {
      @Tool(description = "d")
      void t(Stay stay) {}
    }
    // Accepted, it would fill "two" into every input that leaves nights out: no call could bind.
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "@Tool method Tools.t(Stay) cannot be a tool: field Stay.nights has a default value"
                + " that is not a int: ")
        .hasMessageEndingWith("; fix @ToolParam(defaultValue = ...)");
  }

  record Trip(@ToolParam(defaultValue = "seven") int days) {}

  @Test
  void aFieldDefaultThatIsNotJsonIsRejectedNamingTheMethodAndField() {
    class Tools {
      @Tool(description = "d")
      void t(Trip trip) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(Trip) cannot be a tool: field Trip.days has a default value"
                + " that is not a int: default value 'seven' is not JSON: write it as a JSON"
                + " literal such as 3, true, [\"a\"] or {\"x\": 1}; fix"
                + " @ToolParam(defaultValue = ...)");
  }

  record Spot(int x, int y) {}

  @Test
  void aDefaultThatBindsButBreaksItsOwnSchemaIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(@ToolParam(defaultValue = "{\"x\":1}") Spot at) {}
    }
    // Jackson binds {"x":1} to Spot[x=1, y=0], but the schema requires y: the model is shown a
    // default its own schema refuses.
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(Spot) cannot be a tool: the default {\"x\":1} of"
                + " properties.at does not fit its schema: $: required property 'y' not found"
                + " (required); fix @ToolParam(defaultValue = ...)");
  }

  record Leg(@ToolParam(defaultValue = "{\"x\":1}") Spot from, Spot to) {}

  @Test
  void aFieldDefaultThatBreaksASchemaUnderDefsIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(Leg leg, Spot start) {}
    }
    // Spot is used twice, so it lives under $defs: the default is checked with the root's $defs.
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "@Tool method Tools.t(Leg, Spot) cannot be a tool: the default {\"x\":1} of")
        .hasMessageContaining("properties.from does not fit its schema: ")
        .hasMessageEndingWith("; fix @ToolParam(defaultValue = ...)");
  }

  @Test
  void anOptionalInsideAListIsRejectedNamingWhatToUse() {
    class Tools {
      @Tool(description = "d")
      void t(List<Optional<String>> names) {}
    }
    // Described as {"type":"object","additionalProperties":false}, no list of names passed.
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(List) cannot be a tool: Optional<String> is supported only as a"
                + " parameter's or field's own type, not inside a container or type argument: use"
                + " String there (a List<String>, not a List<Optional<String>>)");
  }

  record Roster(Map<String, Optional<Spot>> seats) {}

  @Test
  void anOptionalInsideAFieldsMapIsRejected() {
    class Tools {
      @Tool(description = "d")
      void t(Roster roster) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Optional<Spot> is supported only as a parameter's or field's own");
  }

  @Test
  void anAnonymousToolClassIsNamedInErrors() {
    Object tools =
        new Object() {
          @Tool(description = " ")
          public void ping() {}
        };
    assertThatThrownBy(() -> AnnotatedTools.from(tools))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching(
            "@Tool method RegistrationErrorsTest\\$\\d+\\.ping\\(\\) has no description: .*");
  }

  @Test
  void twoParametersWithOneNameAreRejected() {
    class Tools {
      @Tool(description = "d")
      void t(String city, @ToolParam(name = "city") String town) {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t(String, String) has two parameters named \"city\": give one"
                + " another name with @ToolParam(name = \"...\")");
  }

  @Test
  void invalidToolNameIsRejected() {
    class Tools {
      @Tool(name = "get weather", description = "d")
      void t() {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Tools.t() cannot be a tool: tool name \"get weather\" is invalid: use 1"
                + " to 64 letters, digits, '_' or '-' (^[a-zA-Z0-9_-]{1,64}$)");
  }

  @Test
  void classWithoutToolMethodsIsRejected() {
    class Tools {
      void t() {}
    }
    assertThatThrownBy(() -> AnnotatedTools.from(new Tools()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            Tools.class.getName()
                + " has no @Tool methods: annotate at least one method with"
                + " @Tool(description = \"...\")");
  }

  static final class Mixed {
    @Tool(description = "d")
    void instanceOnly() {}
  }

  @Test
  void instanceMethodFromClassIsRejected() {
    assertThatThrownBy(() -> AnnotatedTools.fromClass(Mixed.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Tool method Mixed.instanceOnly() is not static, so it needs an instance: register"
                + " one with AnnotatedTools.from(new Mixed(...)), or make the method static");
  }

  @Test
  void classPassedAsInstanceIsRejected() {
    assertThatThrownBy(() -> AnnotatedTools.from(MathTools.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "from(...) takes an instance, not the class "
                + MathTools.class.getName()
                + ": use fromClass(MathTools.class) for static methods");
  }
}
