package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.Turn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * Answers render as Markdown built from elements and text nodes: real Markdown becomes lists,
 * emphasis, code and web links, and a hostile answer stays text. One browser serves the class.
 */
final class ChatMarkdownBrowserTest extends ChromiumTest {
  private WebElement answerTo(String text) {
    served = ServedAgent.start(Script.of(Turn.builder().text(text).deltaSize(7).build()));
    page.open(served);
    page.askAndAwait("Tokyo?");
    return page.lastExchange().findElement(By.className("answer"));
  }

  @Test
  void markdownRendersAsListsEmphasisCodeAndLinks() {
    WebElement answer =
        answerTo(
            "**Tokyo** is *mild* today:\n\n"
                + "- `14.3 °C`, partly cloudy\n"
                + "- wind 7.9 km/h\n\n"
                + "1. Take a jacket\n"
                + "2. Skip the umbrella\n\n"
                + "```\nget_weather(city=\"Tokyo\")\n```\n\n"
                + "Source: [Open-Meteo](https://open-meteo.com/en/docs).");

    assertThat(answer.findElements(By.cssSelector("ul > li")))
        .extracting(WebElement::getText)
        .containsExactly("14.3 °C, partly cloudy", "wind 7.9 km/h");
    assertThat(answer.findElements(By.cssSelector("ol > li"))).hasSize(2);
    assertThat(answer.findElement(By.cssSelector("strong")).getText()).isEqualTo("Tokyo");
    assertThat(answer.findElement(By.cssSelector("em")).getText()).isEqualTo("mild");
    assertThat(answer.findElement(By.cssSelector("li code")).getText()).isEqualTo("14.3 °C");
    assertThat(answer.findElement(By.cssSelector("pre > code")).getText())
        .isEqualTo("get_weather(city=\"Tokyo\")");
    WebElement link = answer.findElement(By.cssSelector("a"));
    assertThat(link.getText()).isEqualTo("Open-Meteo");
    assertThat(link.getDomAttribute("href")).isEqualTo("https://open-meteo.com/en/docs");
    assertThat(link.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
    assertThat(link.getDomAttribute("target")).isEqualTo("_blank");
  }

  @Test
  void aHostileAnswerRendersAsText() {
    String hostile =
        "<img src=x onerror=\"window.injected = true\"> <script>window.injected = true</script>\n\n"
            + "[x](javascript:alert(1)) [y](data:text/html,<b>hi</b>) [z](/relative)\n\n"
            + "- <b onclick=\"window.injected = true\">bold?</b> &amp; 🌦️ 東京";

    WebElement answer = answerTo(hostile);

    assertThat(answer.getText())
        .contains("<img src=x onerror=\"window.injected = true\">")
        .contains("<script>window.injected = true</script>")
        .contains("[x](javascript:alert(1))")
        .contains("<b onclick=\"window.injected = true\">bold?</b> &amp; 🌦️ 東京");
    List<String> tags =
        answer.findElements(By.cssSelector("*")).stream().map(WebElement::getTagName).toList();
    assertThat(tags).doesNotContain("img", "script", "b", "a", "iframe");
    assertThat(page.script("return document.querySelectorAll('a[href]:not([href^=\"http\"])').length"))
        .isEqualTo(0L);
    assertThat(page.script("return window.injected === undefined")).isEqualTo(true);
    assertThatThrownBy(() -> page.browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void theQuestionIsShownAsTypedNeverAsHtml() {
    served = ServedAgent.start(Script.of(Turn.text("Sunny.")));
    page.open(served);

    page.askAndAwait("Any <b>bold</b> **stars**?");

    WebElement question = page.lastExchange().findElement(By.className("question"));
    assertThat(question.getText()).isEqualTo("Any <b>bold</b> **stars**?");
    assertThat(question.findElements(By.cssSelector("*"))).isEmpty();
  }
}
