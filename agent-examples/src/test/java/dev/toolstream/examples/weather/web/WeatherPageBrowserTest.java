package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in headless Chromium against the real server. One browser serves the whole class.
 * Chromium and chromedriver come from Debian ({@code apt-get install chromium chromium-driver});
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} (or the system properties {@code chrome.bin} and
 * {@code chromedriver}) point elsewhere. Without them these tests fail: they are never skipped.
 */
final class WeatherPageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static ChromeDriver browser;
  private static Path profile;
  private ServedAgent served;

  @BeforeAll
  static void startChromium() throws IOException {
    File chromium = new File(setting("chrome.bin", "CHROME_BIN", "/usr/bin/chromium"));
    File chromedriver = new File(setting("chromedriver", "CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (!chromium.canExecute() || !chromedriver.canExecute()) {
      fail(
          "The page's tests need Chromium at %s and chromedriver at %s: install them with"
              + " apt-get install chromium chromium-driver, or set CHROME_BIN and CHROMEDRIVER",
          chromium,
          chromedriver);
    }
    profile = Files.createTempDirectory("weather-page-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    // A driver executable of our own keeps Selenium Manager, which downloads drivers, out of it.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver)
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopChromium() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @AfterEach
  void stopServer() {
    if (served != null) {
      served.close();
    }
  }

  private static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property, System.getenv(variable));
    return value == null || value.isBlank() ? fallback : value;
  }

  private void ask(Script script, String question) {
    served = ServedAgent.start(script);
    browser.get(served.url("/"));
    WebElement prompt = browser.findElement(By.id("prompt"));
    prompt.sendKeys(question);
    browser.findElement(By.id("send")).click();
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, WAIT, Duration.ofMillis(20));
  }

  private static void awaitState(String state) {
    waiting().withMessage(() -> "status " + state).until(b -> state.equals(state()));
  }

  private static String state() {
    return browser.findElement(By.id("status")).getDomAttribute("data-state");
  }

  /** Returns the answer's text exactly, as the DOM holds it (not as rendered). */
  private static String answer() {
    return (String) browser.executeScript("return document.getElementById('answer').textContent");
  }

  @Test
  void theAnswerGrowsInPlace() throws Exception {
    StreamGate gate = new StreamGate();
    Turn turn =
        Turn.builder().textDeltas("The sky over Tokyo ").hold(gate).textDeltas("is clear.").build();
    ask(Script.of(turn), "Tokyo tonight?");

    waiting().until(b -> !answer().isEmpty());

    // The upstream waits at the gate, so the page cannot have more than the first part.
    assertThat(gate.isReached()).isTrue();
    assertThat(answer()).isEqualTo("The sky over Tokyo ");
    assertThat(state()).isEqualTo("streaming");
    gate.open();
    awaitState("done");
    assertThat(answer()).isEqualTo("The sky over Tokyo is clear.");
  }

  @Test
  void aToolCallAndItsResultAreShownAsTheyHappen() {
    StreamGate gate = new StreamGate();
    Turn call =
        Turn.builder()
            .text("Let me check.")
            .toolUse("toolu_0", "get_weather", "{\"city\":\"Tokyo\"}")
            .build();
    Turn answer = Turn.builder().hold(gate).text("It is 14.3 °C in Tokyo.").build();
    ask(request -> request.toolResults().isEmpty() ? call : answer, "Weather in Tokyo?");

    WebElement tools = browser.findElement(By.id("tools"));
    waiting().until(b -> !tools.findElements(By.cssSelector("li .result")).isEmpty());

    assertThat(state()).isEqualTo("streaming");
    WebElement tool = tools.findElement(By.cssSelector("li.tool"));
    assertThat(tool.findElement(By.className("name")).getText()).isEqualTo("→ get_weather");
    assertThat(tool.findElement(By.className("input")).getText()).isEqualTo("{\"city\":\"Tokyo\"}");
    assertThat(tool.findElement(By.className("result")).getText())
        .startsWith("← Tokyo, Japan: 14.3 °C");
    assertThat(answer()).isEqualTo("Let me check.");
    gate.open();
    awaitState("done");
    assertThat(answer()).isEqualTo("Let me check.\n\nIt is 14.3 °C in Tokyo.");
  }

  @Test
  void modelTextIsShownAsTextNeverAsHtml() {
    String text =
        "Line one\nLine two <script>alert(1)</script>\n"
            + "<img src=x onerror=\"window.injected = true\"> &amp; 🌦️ 東京 👩‍👩‍👧\n";
    ask(Script.of(Turn.text(text)), "Anything <b>bold</b>?");

    awaitState("done");

    assertThat(answer()).isEqualTo(text);
    assertThat(browser.findElement(By.id("answer")).findElements(By.cssSelector("*"))).isEmpty();
    assertThat(browser.executeScript("return window.injected === undefined")).isEqualTo(true);
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void anUpstream529IsShownAsAnError() {
    ask(Script.of(ErrorReply.of(529, "overloaded_error", "Overloaded")), "Tokyo?");

    awaitState("error");

    WebElement error = browser.findElement(By.id("error"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getDomAttribute("class")).isEqualTo("error");
    assertThat(error.getText())
        .isEqualTo("Claude is overloaded right now. Try again in a moment. (overloaded_error)");
    assertThat(answer()).isEmpty();
  }

  @Test
  void anEmptyQuestionIsAnErrorAndIsNotSent() {
    ask(Script.of(Turn.text("unused")), "   ");

    awaitState("error");

    assertThat(browser.findElement(By.id("error")).getText()).startsWith("Type a question first");
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void aPageOnAnotherOriginCannotStartARun() throws IOException {
    served = ServedAgent.start(Script.of(Turn.text("unused")));
    String stream = served.url("/stream");
    // A page on another port of this machine: another origin, and "same-site" to the browser.
    String foreign =
        "<!doctype html><title>foreign</title><body>"
            + "<img id=img src=\"" + stream + "?prompt=img\">"
            + "<script>"
            + "const done = {};"
            + "document.getElementById('img').onerror = () => done.img = true;"
            + "const source = new EventSource('" + stream + "?prompt=es');"
            + "source.onerror = () => { source.close(); done.eventSource = true; };"
            + "fetch('" + stream + "', {method: 'POST', mode: 'no-cors',"
            + " headers: {'Content-Type': 'text/plain'}, body: '{\"prompt\": \"post\"}'})"
            + ".finally(() => done.post = true);"
            + "window.done = done;"
            + "</script>";
    HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    other.createContext(
        "/",
        exchange -> {
          byte[] body = foreign.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    other.start();
    try {
      browser.get("http://127.0.0.1:" + other.getAddress().getPort() + "/");

      waiting()
          .withMessage("the foreign page's three requests end")
          .until(
              b ->
                  Boolean.TRUE.equals(
                      browser.executeScript(
                          "return !!(window.done && done.img && done.eventSource && done.post)")));
    } finally {
      other.stop(0);
    }

    assertThat(served.claude.requests()).isEmpty();
    assertThat(served.server.liveStreams()).isZero();
  }
}
