package dev.toolstream.examples.weather.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the places a question names, as the simulated Claude reads it: every city of {@link
 * WorldCities} it mentions ("Tokyo, Paris and Lisbon" is three), and, after "in", "for" or "at",
 * the names it does not know ("Atlantis"), so that the answer can say so rather than drop them.
 *
 * <p>A name counts when it is capitalized, or when the whole question is in lower case; a few
 * city names that are also everyday words ("Nice", "Reading", "Mobile") count only when
 * capitalized within a sentence. A country or state after a city and a comma says which city:
 * "Paris, France" is Paris, while "Paris, Texas" is a place the simulation does not know (its
 * list is of cities of 100,000 people or more, and it knows no states).
 */
final class PlaceNames {
  /**
   * A place the question names, at {@code start} to {@code end} in it: the city, or null for a
   * name the simulation does not know.
   */
  record Place(String name, WorldCities.@Nullable City city, int start, int end) {
    boolean known() {
      return city != null;
    }
  }

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
  private static final Pattern PLACE_FOLLOWS = Pattern.compile("(?i)\\b(?:in|for|at)\\s+");
  private static final Pattern PLACES_END =
      Pattern.compile("(?i)[?!;:()\"]|\\.(?:\\s|$)|\\s(?:in|for|at)\\s");
  private static final Pattern SEPARATOR = Pattern.compile("(?i),|&|/|\\band\\b|\\bor\\b");
  private static final Pattern TRAILING_TIME =
      Pattern.compile(
          "(?i)\\s+(?:today|now|right now|tonight|currently|please|at the moment|this (?:morning"
              + "|afternoon|evening|week))\\s*$");

  /** City names that are also common English words, such as "is it nice in Paris". */
  private static final Set<String> EVERYDAY_WORDS =
      Set.of(
          "nice", "mobile", "reading", "split", "surprise", "man", "van", "orange", "independence",
          "paradise", "enterprise", "sale", "male", "concord", "providence", "buffalo", "vista",
          "boulder", "bo");

  /**
   * Countries and large regions, folded: after a city and a comma they say which city ("Paris,
   * France", "Paris, Texas"); alone after "in" they are no city.
   */
  private static final Set<String> REGIONS = regions();

  private PlaceNames() {}

  /**
   * Loads what reading a question needs, the cities and the countries' names, so that a thread
   * started early can do it before the first question comes.
   */
  static void load() {
    WorldCities.get(); // Calling this has initialised the class, REGIONS included.
  }

  /** Returns the places {@code question} names, in the order it names them, each once. */
  static List<Place> in(String question) {
    boolean lowerCase = question.equals(question.toLowerCase(Locale.ROOT));
    List<Place> places = new ArrayList<>(cities(question, lowerCase));
    for (Place unknown : unknownNames(question, lowerCase)) {
      if (places.stream().noneMatch(p -> overlaps(p, unknown))) {
        places.add(unknown);
      }
    }
    places.sort(Comparator.comparingInt(Place::start));
    Set<String> seen = new HashSet<>();
    places.removeIf(place -> !seen.add(WorldCities.fold(place.name())));
    return places;
  }

  /** Returns the known cities, each longest name first: "Rio de Janeiro", not "Rio". */
  private static List<Place> cities(String question, boolean lowerCase) {
    List<int[]> spans = new ArrayList<>();
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(question);
    while (word.find()) {
      spans.add(new int[] {word.start(), word.end()});
      words.add(WorldCities.fold(word.group()));
    }
    WorldCities world = WorldCities.get();
    List<Place> found = new ArrayList<>();
    for (int i = 0; i < words.size(); ) {
      int matched = 0;
      for (int n = Math.min(world.longestName(), words.size() - i); n >= 1 && matched == 0; n--) {
        String name = String.join(" ", words.subList(i, i + n));
        WorldCities.City city = world.findFolded(name).orElse(null);
        if (city != null && counts(question, spans.get(i)[0], name, lowerCase)) {
          int end = spans.get(i + n - 1)[1];
          String named = city.name();
          matched = n;
          int next = i + n;
          boolean qualified =
              next < words.size()
                  && question.substring(end, spans.get(next)[0]).strip().equals(",")
                  && (lowerCase || Character.isUpperCase(question.codePointAt(spans.get(next)[0])));
          for (int r = Math.min(3, words.size() - next); qualified && r >= 1; r--) {
            String region = String.join(" ", words.subList(next, next + r));
            // "Tokyo, New York": a region that is also a city is the next city of a list.
            if (REGIONS.contains(region) && world.findFolded(region).isEmpty()) {
              int regionEnd = spans.get(next + r - 1)[1];
              named = city.name() + ", " + question.substring(spans.get(next)[0], regionEnd);
              city = world.find(named).orElse(null); // Paris, Texas is not on the list.
              end = regionEnd;
              matched = n + r;
              break;
            }
          }
          found.add(new Place(named, city, spans.get(i)[0], end));
        }
      }
      i += Math.max(1, matched);
    }
    return found;
  }

  /** Tells whether the words at {@code start}, a city's name, are meant as the city. */
  private static boolean counts(String question, int start, String name, boolean lowerCase) {
    boolean capitalized = Character.isUpperCase(question.codePointAt(start));
    if (!capitalized && !lowerCase) {
      return false;
    }
    if (!EVERYDAY_WORDS.contains(name)) {
      return true;
    }
    return capitalized && !startsSentence(question, start);
  }

  private static boolean startsSentence(String question, int start) {
    String before = question.substring(0, start).strip();
    return before.isEmpty() || ".?!".indexOf(before.charAt(before.length() - 1)) >= 0;
  }

  /** Returns the names listed after "in", "for" or "at" that are no known city nor a country. */
  private static List<Place> unknownNames(String question, boolean lowerCase) {
    List<Place> names = new ArrayList<>();
    Matcher follows = PLACE_FOLLOWS.matcher(question);
    while (follows.find()) {
      int from = follows.end();
      Matcher end = PLACES_END.matcher(question);
      int to = end.find(from) ? end.start() : question.length();
      Matcher separator = SEPARATOR.matcher(question).region(from, to);
      int partStart = from;
      while (partStart <= to) {
        int partEnd = separator.find() ? separator.start() : to;
        String part = question.substring(partStart, partEnd);
        String name = TRAILING_TIME.matcher(part.strip()).replaceAll("").replaceAll("[.\\s]+$", "");
        int start = partStart + part.length() - part.stripLeading().length();
        if (isName(name, lowerCase)) {
          names.add(new Place(name, null, start, start + name.length()));
        }
        partStart = partEnd == to ? to + 1 : separator.end();
      }
    }
    return names;
  }

  private static boolean isName(String name, boolean lowerCase) {
    return !name.isEmpty()
        && (lowerCase || Character.isUpperCase(name.codePointAt(0)))
        && name.split("\\s+").length <= 4
        && !REGIONS.contains(WorldCities.fold(name))
        && WorldCities.get().find(name).isEmpty();
  }

  private static boolean overlaps(Place a, Place b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  private static Set<String> regions() {
    Set<String> names = new LinkedHashSet<>();
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale.Builder().setRegion(code).build();
      names.add(WorldCities.fold(country.getDisplayCountry(Locale.ENGLISH)));
    }
    names.addAll(
        List.of(
            "usa", "us", "uk", "england", "scotland", "wales", "britain", "great britain",
            "america", "united states of america", "holland",
            // The states of the United States and Australia, the provinces of Canada.
            "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
            "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
            "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
            "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
            "new hampshire", "new jersey", "new mexico", "new york", "north carolina",
            "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
            "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
            "washington", "west virginia", "wisconsin", "wyoming", "alberta", "british columbia",
            "manitoba", "new brunswick", "newfoundland", "nova scotia", "ontario", "quebec",
            "saskatchewan", "new south wales", "queensland", "south australia", "tasmania",
            "victoria", "western australia"));
    return Set.copyOf(names);
  }
}
