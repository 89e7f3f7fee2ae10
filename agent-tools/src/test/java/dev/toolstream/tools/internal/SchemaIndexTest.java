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
}
