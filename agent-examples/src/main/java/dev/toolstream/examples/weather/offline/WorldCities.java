package dev.toolstream.examples.weather.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The real world cities the simulation knows: GeoNames' populated places of 100,000 people or
 * more and every capital, from the {@code cities.tsv} resource beside this class (CC BY 4.0; see
 * {@code cities.md}). Loaded once, on first use, and immutable after. Names are looked up without
 * regard to case, accents or punctuation ("sao paulo" finds São Paulo); a name several cities
 * share finds the most populous, "New York" finds New York City and "Washington" Washington, D.C.
 */
final class WorldCities {
  /** A city: its GeoNames id, name, ISO country code, position and population. */
  record City(
      long id,
      String name,
      String countryCode,
      double latitude,
      double longitude,
      long population) {
    /** Returns the country's English name, such as "Japan" for {@code JP}. */
    String country() {
      Locale country = new Locale.Builder().setRegion(countryCode).build();
      String name = country.getDisplayCountry(Locale.ENGLISH);
      return name.isEmpty() ? countryCode : name;
    }
  }

  private static final String RESOURCE = "cities.tsv";
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** Other names of countries, folded, by ISO code. */
  private static final Map<String, String> COUNTRY_NAMES =
      Map.of(
          "usa", "US", "us", "US", "america", "US", "united states of america", "US", "uk", "GB",
          "britain", "GB", "great britain", "GB", "england", "GB", "scotland", "GB", "wales", "GB");

  private final List<City> cities;
  private final Map<String, City> byName;
  private final Map<String, List<City>> everyByName;
  private final int longestName;

  private WorldCities(List<City> cities) {
    this.cities = List.copyOf(cities);
    Map<String, City> byName = new HashMap<>();
    Map<String, List<City>> everyByName = new HashMap<>();
    // Each name folded once, for both maps.
    String[] foldedNames = new String[cities.size()];
    for (int i = 0; i < cities.size(); i++) {
      City city = cities.get(i);
      String folded = fold(city.name());
      foldedNames[i] = folded;
      byName.putIfAbsent(folded, city); // Most populous first: the first one wins.
      everyByName.computeIfAbsent(folded, name -> new ArrayList<>()).add(city);
    }
    this.everyByName = Map.copyOf(everyByName);
    for (int i = 0; i < cities.size(); i++) {
      City city = cities.get(i);
      // "New York City", "Washington, D.C.": also by the name people say, unless a city has it.
      String folded = foldedNames[i];
      if (folded.endsWith(" city")) {
        byName.putIfAbsent(folded.substring(0, folded.length() - " city".length()), city);
      }
      if (city.name().contains(",")) {
        byName.putIfAbsent(fold(city.name().substring(0, city.name().indexOf(','))), city);
      }
    }
    this.byName = Map.copyOf(byName);
    this.longestName =
        byName.keySet().stream().mapToInt(name -> name.split(" ").length).max().orElse(1);
  }

  /** Returns the cities, loading them on first use. */
  static WorldCities get() {
    return Holder.INSTANCE;
  }

  /** Returns how many cities there are. */
  int size() {
    return cities.size();
  }

  /** Returns the cities, most populous first. */
  List<City> all() {
    return cities;
  }

  /**
   * Returns the city called {@code name}, ignoring case, accents and punctuation. A name with a
   * country after a comma ("Paris, France", "London, UK") finds the city of that name in that
   * country; with anything else after the comma ("Paris, Texas") it finds nothing, since the list
   * knows no regions.
   */
  Optional<City> find(String name) {
    City city = byName.get(fold(name));
    if (city != null || !name.contains(",")) {
      return Optional.ofNullable(city);
    }
    String head = fold(name.substring(0, name.indexOf(',')));
    String country = countryCode(name.substring(name.indexOf(',') + 1));
    City known = byName.get(head);
    List<City> named = everyByName.getOrDefault(known == null ? head : fold(known.name()), List.of());
    return named.stream().filter(c -> c.countryCode().equals(country)).findFirst();
  }

  /** Returns the ISO code of the country {@code name} names ("Japan", "JP", "UK"), or "". */
  static String countryCode(String name) {
    String folded = fold(name);
    if (COUNTRY_NAMES.containsKey(folded)) {
      return COUNTRY_NAMES.get(folded);
    }
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale.Builder().setRegion(code).build();
      if (folded.equals(fold(country.getDisplayCountry(Locale.ENGLISH)))
          || folded.equals(code.toLowerCase(Locale.ROOT))) {
        return code;
      }
    }
    return "";
  }

  /** Returns the city named by exactly the words {@code folded}, already {@link #fold folded}. */
  Optional<City> findFolded(String folded) {
    return Optional.ofNullable(byName.get(folded));
  }

  /** Returns the most words a city's name has, folded. */
  int longestName() {
    return longestName;
  }

  /**
   * Returns {@code text} as a lookup key: lower case, without accents, words separated by single
   * spaces ("Xi'an" is "xi an", "Łódź" is "lodz").
   */
  static String fold(String text) {
    String plain = text;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) { // Most names are ASCII: decompose only the others.
        plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        break;
      }
    }
    StringBuilder folded = new StringBuilder(plain.length());
    boolean gap = false;
    for (int i = 0; i < plain.length(); i++) {
      char c = Character.toLowerCase(plain.charAt(i));
      if (!Character.isLetterOrDigit(c)) {
        gap = true;
        continue;
      }
      if (gap && folded.length() > 0) {
        folded.append(' ');
      }
      gap = false;
      switch (c) {
        case 'ł' -> folded.append('l');
        case 'ø' -> folded.append('o');
        case 'đ', 'ð' -> folded.append('d');
        case 'ı' -> folded.append('i');
        case 'ß' -> folded.append("ss");
        case 'æ' -> folded.append("ae");
        case 'œ' -> folded.append("oe");
        case 'þ' -> folded.append("th");
        default -> folded.append(c);
      }
    }
    return folded.toString();
  }

  private static List<City> load() {
    List<City> cities = new ArrayList<>(4400);
    try (InputStream in = WorldCities.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing beside " + WorldCities.class);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        cities.add(
            new City(
                Long.parseLong(cells[0]),
                cells[1],
                cells[2],
                Double.parseDouble(cells[3]),
                Double.parseDouble(cells[4]),
                Long.parseLong(cells[5])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return cities;
  }

  /** Loads the list when first asked for, once (the class holder idiom). */
  private static final class Holder {
    static final WorldCities INSTANCE = new WorldCities(load());
  }
}
