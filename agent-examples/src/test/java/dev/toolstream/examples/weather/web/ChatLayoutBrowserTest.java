package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The page at phone width, with the keyboard and for a screen reader; also saves screenshots of
 * a tool-call answer at desktop and phone width in {@code target/}. One browser serves the class.
 */
final class ChatLayoutBrowserTest extends ChromiumTest {
  /** Scripts a tool call, then an answer with a long address and a wide table and code line. */
  private static final Script TOOL_CALL_ANSWER =
      request ->
          request.toolResults().isEmpty()
              ? Turn.builder()
                  .text("I'll check the current weather in Tokyo.")
                  .toolUse(null, "get_weather", "{\"city\":\"Tokyo\"}")
                  .build()
              : Turn.builder()
                  .text(
                      "It is **14.3 °C** in Tokyo, partly cloudy:\n\n"
                          + "- humidity 58 %\n- wind 7.9 km/h\n\n"
                          + "| City | Now | Tonight | Tomorrow | Wind | Humidity |\n"
                          + "|---|---|---|---|---|---|\n"
                          + "| Tokyo, Japan | 14.3 °C | 11.0 °C | 16.2 °C | 7.9 km/h | 58 % |\n\n"
                          + "```\nforecast --city Tokyo --days 7 --units metric --hourly --format table\n```\n\n"
                          + "Data from https://api.open-meteo.com/v1/forecast?latitude=35.6895&longitude=139.6917&current=temperature_2m,relative_humidity_2m,wind_speed_10m")
                  .build();

  private boolean scrollsSideways() {
    return (Boolean)
        page.script(
            "const p = document.scrollingElement; return p.scrollWidth > p.clientWidth;");
  }

  /** Returns a bordered element that shows nothing, or null if there is none. */
  private String emptyBorderedBox() {
    return (String)
        page.script(
            "for (const e of document.querySelectorAll('body *')) {"
                + " const s = getComputedStyle(e);"
                + " if (e.getClientRects().length && parseFloat(s.borderTopWidth) > 0"
                + "     && parseFloat(s.borderLeftWidth) > 0 && !e.textContent.trim()"
                + "     && !['TEXTAREA', 'INPUT', 'BUTTON', 'HR'].includes(e.tagName))"
                + "   return e.outerHTML; }"
                + " return null;");
  }

  @Test
  void atPhoneWidthNothingScrollsSideways() {
    served = ServedAgent.start(TOOL_CALL_ANSWER);
    page.open(served);
    page.viewport(375, 812, true);

    page.askAndAwait("What's the weather in Tokyo?");

    assertThat(page.lastExchange().findElements(By.cssSelector(".tool"))).hasSize(1);
    assertThat(page.lastExchange().findElements(By.cssSelector(".answer table"))).hasSize(1);
    assertThat(scrollsSideways()).isFalse();
    assertThat(page.browser.findElement(By.id("send")).isDisplayed()).isTrue();
    Path phone = page.screenshot("weather-page-phone.png");
    assertThat(phone).isNotEmptyFile();
  }

  @Test
  void aToolCallAnswerAtDesktopWidth() throws Exception {
    served = ServedAgent.start(TOOL_CALL_ANSWER);
    page.open(served);

    page.askAndAwait("What's the weather in Tokyo?");

    assertThat(scrollsSideways()).isFalse();
    assertThat(emptyBorderedBox()).isNull();
    Path desktop = page.screenshot("weather-page-desktop.png");
    assertThat(Files.size(desktop)).isPositive();
  }

  @Test
  void aNewPageShowsNoEmptyBox() {
    served = ServedAgent.start(Script.of(Turn.text("unused")));
    page.open(served);

    assertThat(emptyBorderedBox()).isNull();
    assertThat(page.browser.findElement(By.id("intro")).isDisplayed()).isTrue();
    assertThat(page.browser.findElements(By.cssSelector(".notice, .tool, .meta"))).isEmpty();
  }

  @Test
  void enterSendsAndShiftEnterStartsANewLine() {
    served = ServedAgent.start(Script.of(Turn.text("Sunny.")));
    page.open(served);

    WebElement prompt = page.prompt();
    prompt.sendKeys("Tokyo", Keys.chord(Keys.SHIFT, Keys.ENTER), "tonight?");
    assertThat(prompt.getDomProperty("value")).isEqualTo("Tokyo\ntonight?");
    assertThat(page.exchanges()).isZero();
    prompt.sendKeys(Keys.ENTER);

    page.awaitState("done");
    assertThat(page.lastExchange().findElement(By.className("question")).getText())
        .isEqualTo("Tokyo\ntonight?");
    assertThat(served.claude.requests().get(0).lastUserText()).isEqualTo("Tokyo\ntonight?");
    assertThat(prompt.getDomProperty("value")).isEmpty();
  }

  @Test
  void theKeyboardReachesSendWithAVisibleFocus() {
    served = ServedAgent.start(Script.of(Turn.text("unused")));
    page.open(served);

    page.prompt().click();
    page.prompt().sendKeys(Keys.TAB);

    assertThat(page.script("return document.activeElement.id")).isEqualTo("send");
    assertThat(page.script("return getComputedStyle(document.activeElement).outlineStyle"))
        .isEqualTo("solid");
  }

  @Test
  void aScreenReaderFindsLabelsALiveConversationAndNamedCards() {
    served = ServedAgent.start(TOOL_CALL_ANSWER);
    page.open(served);

    page.askAndAwait("What's the weather in Tokyo?");

    assertThat(page.script("return document.querySelector('label[for=prompt]').textContent"))
        .isEqualTo("Your question");
    WebElement chat = page.browser.findElement(By.id("chat"));
    assertThat(chat.getDomAttribute("role")).isEqualTo("log");
    assertThat(chat.getDomAttribute("aria-live")).isEqualTo("polite");
    assertThat(chat.getAccessibleName()).isEqualTo("Conversation");
    assertThat(page.lastExchange().findElement(By.className("answer")).getText()).isNotEmpty();
    WebElement card = page.lastExchange().findElement(By.className("tool"));
    assertThat(card.getAccessibleName()).isEqualTo("Tool call get_weather");
    assertThat(page.prompt().getAccessibleName()).isEqualTo("Your question");
    assertThat(page.browser.findElement(By.id("send")).getAccessibleName()).isEqualTo("Send");
  }
}
