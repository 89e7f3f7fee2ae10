package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputTextTest {

  @Test
  void viewsTakenAsTheInputGrowsKeepWhatTheyHeldWhenTaken() {
    InputText input = new InputText();
    StringBuilder expected = new StringBuilder();
    List<String> heldThen = new ArrayList<>();
    List<ToolInputDelta> views = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) { // The fragment array grows six times over.
      String fragment = i % 7 == 0 ? "" : "\"k" + i + "\":\"量子 🧪\",";
      input.append(fragment);
      expected.append(fragment);
      views.add(new ToolInputDelta(1, "toolu_1", "t", fragment, input));
      heldThen.add(expected.toString());
    }

    for (int i = 0; i < views.size(); i++) {
      assertThat(views.get(i).inputJson()).isEqualTo(heldThen.get(i));
    }
    assertThat(input.toString()).isEqualTo(expected.toString());
    assertThat(input.length()).isEqualTo(expected.length());
    assertThat(input.charAt(expected.length() - 2)).isEqualTo(expected.charAt(expected.length() - 2));
  }

  @Test
  void copiesOutTheWholeTextForItsParse() {
    InputText input = new InputText();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String whole = "{\"n\":" + i + ",\"s\":\"é\\\"x\"}";
      String fragment = whole.substring(0, Math.min(whole.length(), 1 + i % 14));
      input.append(fragment);
      expected.append(fragment);
    }
    char[] chars = input.toCharArray();

    assertThat(chars).hasSize(expected.length());
    assertThat(new String(chars)).isEqualTo(expected.toString());
  }

  @Test
  void blankMeansEmptyOrOnlyWhitespace() {
    InputText input = new InputText();
    assertThat(input.isBlank()).isTrue();
    input.append(" \n");
    input.append("");
    input.append("\t");
    assertThat(input.isBlank()).isTrue();
    input.append(" {}");
    assertThat(input.isBlank()).isFalse();
    assertThat(input.toString()).isEqualTo(" \n\t {}");
  }
}
