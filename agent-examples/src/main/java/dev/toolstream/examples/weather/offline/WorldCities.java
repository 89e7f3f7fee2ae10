package dev.toolstream.examples.weather.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
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
  /** The columns of a row: id, name, country code, latitude, longitude, population, name folded. */
  private static final int COLUMNS = 7;
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

  /** Takes the cities, most populous first, and each one's name {@link #fold folded}. */
  private WorldCities(List<City> cities, List<String> foldedNames) {
    this.cities = List.copyOf(cities);
    Map<String, City> byName = new HashMap<>(cities.size() * 2);
    Map<String, List<City>> everyByName = new HashMap<>(cities.size() * 2);
    for (int i = 0; i < cities.size(); i++) {
      City city = cities.get(i);
      String folded = foldedNames.get(i);
      byName.putIfAbsent(folded, city); // Most populous first: the first one wins.
      List<City> named = everyByName.get(folded);
      if (named == null) {
        named = new ArrayList<>(1);
        everyByName.put(folded, named);
      }
      named.add(city);
    }
    this.everyByName = Collections.unmodifiableMap(everyByName);
    for (int i = 0; i < cities.size(); i++) {
      City city = cities.get(i);
      // "New York City", "Washington, D.C.": also by the name people say, unless a city has it.
      String folded = foldedNames.get(i);
      if (folded.endsWith(" city")) {
        byName.putIfAbsent(folded.substring(0, folded.length() - " city".length()), city);
      }
      if (city.name().contains(",")) {
        byName.putIfAbsent(fold(city.name().substring(0, city.name().indexOf(','))), city);
      }
    }
    this.byName = Collections.unmodifiableMap(byName);
    int longest = 1;
    for (String name : byName.keySet()) {
      int words = 1;
      for (int i = 0; i < name.length(); i++) {
        if (name.charAt(i) == ' ') {
          words++;
        }
      }
      longest = Math.max(longest, words);
    }
    this.longestName = longest;
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

  /**
   * Reads the list: each row's six values and, in a seventh column written ahead of time, the
   * name already {@link #fold folded} (folding 4,350 names, 758 of them with accents, was a third
   * of reading the list; {@code WorldCitiesTest} checks that every row's column is its name
   * folded). Rows are split by hand, as {@code String.split} would make an array and seven
   * strings of each.
   */
  private static WorldCities load() {
    List<City> cities = new ArrayList<>(4400);
    List<String> foldedNames = new ArrayList<>(4400);
    try (InputStream in = WorldCities.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing beside " + WorldCities.class);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int[] tabs = new int[COLUMNS - 1];
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int from = 0;
        for (int i = 0; i < tabs.length; i++) {
          tabs[i] = line.indexOf('\t', from);
          if (tabs[i] < 0) {
            throw new IllegalStateException(
                RESOURCE + " has a row of fewer than " + COLUMNS + " columns: " + line);
          }
          from = tabs[i] + 1;
        }
        cities.add(
            new City(
                Long.parseLong(line, 0, tabs[0], 10),
                line.substring(tabs[0] + 1, tabs[1]),
                line.substring(tabs[1] + 1, tabs[2]),
                Double.parseDouble(line.substring(tabs[2] + 1, tabs[3])),
                Double.parseDouble(line.substring(tabs[3] + 1, tabs[4])),
                Long.parseLong(line, tabs[4] + 1, tabs[5], 10)));
        foldedNames.add(line.substring(tabs[5] + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new WorldCities(cities, foldedNames);
  }

  /** Loads the list when first asked for, once (the class holder idiom). */
  private static final class Holder {
    static final WorldCities INSTANCE = load();
  }
}
