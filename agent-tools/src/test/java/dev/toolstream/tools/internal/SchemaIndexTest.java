package dev.toolstream.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.tools.AnnotatedTools;
import dev.toolstream.tools.Tool;
import dev.toolstream.tools.ToolParam;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas written at build time are the schemas derivation gives, and a schema is taken from
 * the index only while what it was derived from is unchanged.
 */
class SchemaIndexTest {
  @TempDir Path classes;

  /** A place, reached through the tool's parameter: the fingerprint covers it too. */
  public record Place(String city, @ToolParam(description = "ISO 3166 code") String country) {}

  /** The tool as first written. */
  public static final class Weather {
    /** Looks up the weather. */
    @Tool(description = "Current weather in a place.")
    public String weather(
        @ToolParam(description = "Where.") Place place,
        @ToolParam(description = "Unit.", required = false, defaultValue = "celsius") String unit) {
      return place + " " + unit;
    }
  }

  /** The same tool after an edit to a parameter's description. */
  public static final class WeatherEdited {
    /** Looks up the weather. */
    @Tool(description = "Current weather in a place.")
    public String weather(
        @ToolParam(description = "Where, as a city and country.") Place place,
        @ToolParam(description = "Unit.", required = false, defaultValue = "celsius") String unit) {
      return place + " " + unit;
    }
  }

  private static Method weather(Class<?> type) throws NoSuchMethodException {
    return type.getMethod("weather", Place.class, String.class);
  }

  private SchemaIndex load(Class<?> type) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    return SchemaIndex.load(type, loader);
  }

  @Test
  void theIndexHoldsTheSchemaRegistrationDerives() throws Exception {
    SchemaIndexWriter.write(classes, Weather.class);

    SchemaIndex index = load(Weather.class);

    assertThat(index).isNotNull();
    assertThat(index.schema(weather(Weather.class)))
        .isEqualTo(AnnotatedTools.from(new Weather()).get(0).definition().inputSchema());
  }

  @Test
  void aClassWithoutAnIndexHasNone() throws Exception {
    assertThat(load(Weather.class)).isNull();
  }

  @Test
  void anEntryWrittenBeforeAnEditIsNotUsed() throws Exception {
    // The index of the first version, found where the edited class looks for its own.
    Path written = SchemaIndexWriter.write(classes, Weather.class);
    Files.move(
        written,
        classes.resolve(SchemaIndex.resource(WeatherEdited.class)),
        StandardCopyOption.REPLACE_EXISTING);

    SchemaIndex index = load(WeatherEdited.class);

    assertThat(index).isNotNull();
    assertThat(index.schema(weather(WeatherEdited.class))).isNull();
  }

  @Test
  void registrationTakesTheSchemaFromTheIndexBesideTheClass() throws Exception {
    // Where the test classes are: an index written there is found as a jar's would be.
    Path testClasses = Path.of(Weather.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path written = SchemaIndexWriter.write(testClasses, Weather.class);
    try {
      // Marked, to tell the indexed schema from a derived one; the fingerprint still matches.
      String marked =
          Files.readString(written).replace("\"Where.\"", "\"Where (from the index).\"");
      Files.writeString(written, marked);

      List<dev.toolstream.agent.ToolSpec> tools = AnnotatedTools.from(new Weather());

      assertThat(tools.get(0).definition().inputSchema().at("/properties/place/description").asString())
          .isEqualTo("Where (from the index).");
    } finally {
      Files.delete(written);
    }
  }

  @Test
  void anAnnotationReadsWithItsMembersInNameOrder() throws Exception {
    // Not toString(), whose member order follows reflection's, which differs from run to run.
    ToolParam unit = weather(Weather.class).getParameters()[1].getAnnotation(ToolParam.class);

    assertThat(SchemaFingerprint.text(unit))
        .isEqualTo(
            "@dev.toolstream.tools.ToolParam(defaultValue=celsius;description=Unit.;name=;"
                + "required=false;)");
  }

  private static final String TRIP =
      "package trip;\n"
          + "import dev.toolstream.tools.Tool;\n"
          + "public class Trip {\n"
          + "  public record Stop(String city, %s String note) {}\n"
          + "  @Tool(description = \"Plans a trip.\")\n"
          + "  public String plan(Stop stop) { return stop.city(); }\n"
          + "}\n";

  /** Compiles {@code source} as trip.Trip into {@code directory} and loads it from there. */
  private static Class<?> compileTrip(Path directory, String source) throws Exception {
    Path file = directory.resolve("trip/Trip.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    String classPath =
        Stream.of(Tool.class, org.jspecify.annotations.Nullable.class)
            .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath())
            .collect(Collectors.joining(java.io.File.pathSeparator));
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-parameters",
                "-cp",
                classPath,
                "-d",
                directory.toString(),
                file.toString());
    assertThat(status).as("javac status").isZero();
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {directory.toUri().toURL()}, SchemaIndexTest.class.getClassLoader());
    return Class.forName("trip.Trip", true, loader);
  }

  @Test
  void aTypeUseNullableAddedToARecordComponentIsNotAnsweredFromTheIndexWrittenBefore()
      throws Exception {
    Path before = Files.createDirectories(classes.resolve("before"));
    Path after = Files.createDirectories(classes.resolve("after"));
    Path written = SchemaIndexWriter.write(before, compileTrip(before, String.format(TRIP, "")));
    // The same class, edited: its note may now be left out. The stale index sits beside it.
    Class<?> edited =
        compileTrip(after, String.format(TRIP, "@org.jspecify.annotations.Nullable"));
    Path stale = after.resolve(SchemaIndex.resource(edited));
    Files.createDirectories(stale.getParent());
    Files.copy(written, stale);

    List<dev.toolstream.agent.ToolSpec> tools =
        AnnotatedTools.from(edited.getConstructor().newInstance());

    assertThat(tools.get(0).definition().inputSchema().at("/properties/stop/required").toString())
        .isEqualTo("[\"city\"]");
  }
}
