package dev.toolstream.examples.weather.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The city list's seventh column, each name folded ahead of time so that start-up need not fold
 * 4,350 names, is what {@link WorldCities#fold} makes of the name. After changing a name, write
 * the column again with that method.
 */
class WorldCitiesTest {
  @Test
  void everyRowsFoldedNameIsItsNameFolded() throws Exception {
    List<String> wrong = new ArrayList<>();
    int rows = 0;
    try (InputStream in = WorldCities.class.getResourceAsStream("cities.tsv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        rows++;
        String[] cells = line.split("\t", -1);
        if (cells.length != 7 || !cells[6].equals(WorldCities.fold(cells[1]))) {
          wrong.add(line);
        }
      }
    }
    assertThat(rows).isEqualTo(WorldCities.get().size());
    assertThat(wrong).as("rows whose seventh column is not the name folded").isEmpty();
  }

  @Test
  void namesAreFoundWithoutCaseAccentsOrPunctuation() {
    assertThat(WorldCities.get().find("sao paulo")).hasValueSatisfying(
        city -> assertThat(city.name()).isEqualTo("São Paulo"));
    assertThat(WorldCities.get().find("XI'AN")).hasValueSatisfying(
        city -> assertThat(city.name()).isEqualTo("Xi’an"));
    assertThat(WorldCities.get().find("lodz")).hasValueSatisfying(
        city -> assertThat(city.name()).isEqualTo("Łódź"));
  }

  @Test
  void aCityIsAlsoFoundByTheNamePeopleSay() {
    assertThat(WorldCities.get().find("New York")).hasValueSatisfying(
        city -> assertThat(city.name()).isEqualTo("New York City"));
    assertThat(WorldCities.get().find("Washington")).hasValueSatisfying(
        city -> assertThat(city.name()).isEqualTo("Washington, D.C."));
  }
}
