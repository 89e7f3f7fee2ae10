package dev.toolstream.examples.weather.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the simulated Claude reads the places a question names. */
class PlaceNamesTest {
  @Test
  void eachCityOfAListIsOnePlace() {
    assertThat(SimulatedClaude.cities("What's the weather in Tokyo, Paris and Lisbon?"))
        .containsExactly("Tokyo", "Paris", "Lisbon");
  }

  @Test
  void twoCitiesJoinedByAndAreTwoPlaces() {
    assertThat(SimulatedClaude.cities("Lisbon and Madrid")).containsExactly("Lisbon", "Madrid");
  }

  @Test
  void citiesBeyondTheOldSamplesAreKnown() {
    assertThat(SimulatedClaude.cities("How warm is it in Lagos compared to Nairobi and Lima?"))
        .containsExactly("Lagos", "Nairobi", "Lima");
  }

  @Test
  void namesAreMatchedWithoutCaseOrAccentsAndByTheirCommonForm() {
    assertThat(SimulatedClaude.cities("weather in sao paulo, new york and rio de janeiro"))
        .containsExactly("São Paulo", "New York City", "Rio de Janeiro");
  }

  @Test
  void anUnknownNameAfterInIsKeptAsWritten() {
    assertThat(SimulatedClaude.cities("What's the weather in Atlantis and Tokyo right now?"))
        .containsExactly("Atlantis", "Tokyo");
  }

  @Test
  void aCountryAfterTheCitySaysWhichCity() {
    assertThat(PlaceNames.in("Is it raining in London, Canada?"))
        .extracting(place -> place.city().countryCode())
        .containsExactly("CA");
    assertThat(SimulatedClaude.cities("Is it raining in Paris, France?"))
        .containsExactly("Paris, France");
  }

  @Test
  void aCityInARegionTheListDoesNotKnowIsUnknown() {
    assertThat(PlaceNames.in("Is it raining in Paris, Texas?"))
        .singleElement()
        .satisfies(place -> assertThat(place.name()).isEqualTo("Paris, Texas"))
        .satisfies(place -> assertThat(place.known()).isFalse());
  }

  @Test
  void aRegionThatIsAlsoACityIsTheNextCityOfAList() {
    assertThat(SimulatedClaude.cities("Tokyo, New York and Paris?"))
        .containsExactly("Tokyo", "New York City", "Paris");
  }

  @Test
  void aRegionAloneIsNoCity() {
    assertThat(SimulatedClaude.cities("What's the weather in Texas?")).isEmpty();
  }

  @Test
  void everydayWordsThatAreAlsoCitiesAreNotPlaces() {
    assertThat(SimulatedClaude.cities("Is it nice in Berlin today?")).containsExactly("Berlin");
    assertThat(SimulatedClaude.cities("is it nice in berlin today?")).containsExactly("Berlin");
    assertThat(SimulatedClaude.cities("What's the weather like in Nice?")).containsExactly("Nice");
  }

  @Test
  void aQuestionWithoutAPlaceNamesNone() {
    assertThat(SimulatedClaude.cities("What's the weather like in general?")).isEmpty();
  }

  @Test
  void aCityNamedTwiceIsOnePlace() {
    assertThat(SimulatedClaude.cities("Tokyo or Tokyo?")).containsExactly("Tokyo");
  }
}
