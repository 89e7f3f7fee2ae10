package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The weather page in headless Chromium: one browser per test class, and what the tests do and
 * read on the page. Chromium and chromedriver come from Debian ({@code apt-get install chromium
 * chromium-driver}); {@code CHROME_BIN} and {@code CHROMEDRIVER} (or the system properties {@code
 * chrome.bin} and {@code chromedriver}) point elsewhere. Without them the tests fail: they are
 * never skipped.
 */
final class ChatPage implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);

  final ChromeDriver browser;
  private final Path profile;

  private ChatPage(ChromeDriver browser, Path profile) {
    this.browser = browser;
    this.profile = profile;
  }

  /** Starts headless Chromium. */
  static ChatPage start() {
    File chromium = new File(setting("chrome.bin", "CHROME_BIN", "/usr/bin/chromium"));
    File chromedriver = new File(setting("chromedriver", "CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (!chromium.canExecute() || !chromedriver.canExecute()) {
      fail(
          "The page's tests need Chromium at %s and chromedriver at %s: install them with"
              + " apt-get install chromium chromium-driver, or set CHROME_BIN and CHROMEDRIVER",
          chromium,
          chromedriver);
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("weather-page-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
        "--hide-scrollbars",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    // A driver executable of our own keeps Selenium Manager, which downloads drivers, out of it.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver)
            .usingAnyFreePort()
            .build();
    return new ChatPage(new ChromeDriver(service, options), profile);
  }

  private static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property, System.getenv(variable));
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public void close() {
    browser.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens the page of {@code served}, at the desktop size, and waits until it has loaded. */
  void open(ServedAgent served) {
    viewport(1280, 900, false);
    browser.get(served.url("/"));
    waiting().until(b -> "complete".equals(script("return document.readyState")));
  }

  /** Makes the page's viewport {@code width} by {@code height} CSS pixels. */
  void viewport(int width, int height, boolean mobile) {
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Types {@code question} into the prompt and clicks Send. */
  void ask(String question) {
    prompt().sendKeys(question);
    browser.findElement(By.id("send")).click();
  }

  /** Asks and waits until the answer is complete. */
  void askAndAwait(String question) {
    int before = exchanges();
    ask(question);
    waiting()
        .withMessage(() -> "the answer to " + question + " completes")
        .until(b -> exchanges() > before && "done".equals(lastExchangeState()));
  }

  WebElement prompt() {
    return browser.findElement(By.id("prompt"));
  }

  WebDriverWait waiting() {
    return new WebDriverWait(browser, WAIT, Duration.ofMillis(20));
  }

  /** Waits until the page's status is {@code state}: streaming, done, error, stopped. */
  void awaitState(String state) {
    waiting().withMessage(() -> "status " + state + ", was " + state()).until(b -> state.equals(state()));
  }

  String state() {
    return browser.findElement(By.id("status")).getDomAttribute("data-state");
  }

  int exchanges() {
    return ((Number) script("return document.querySelectorAll('.exchange').length")).intValue();
  }

  String lastExchangeState() {
    return (String)
        script("const e = document.querySelector('.exchange:last-child'); return e && e.dataset.state");
  }

  WebElement lastExchange() {
    List<WebElement> all = browser.findElements(By.cssSelector(".exchange"));
    return all.get(all.size() - 1);
  }

  /** Returns the text of the last exchange's answer blocks, as the DOM holds it. */
  String answer() {
    return (String)
        script(
            "const e = document.querySelector('.exchange:last-child');"
                + " return e ? Array.from(e.querySelectorAll('.answer'), a => a.textContent)"
                + ".join('|') : ''");
  }

  /** Returns the class of each part of the last exchange's reply, in DOM order. */
  @SuppressWarnings("unchecked")
  List<String> replyParts() {
    return (List<String>)
        script(
            "return Array.from(document.querySelector('.exchange:last-child .reply').children,"
                + " c => c.className)");
  }

  Object script(String script) {
    return browser.executeScript(script);
  }

  /** Saves a screenshot of the viewport as {@code target/name}. */
  Path screenshot(String name) {
    Path target = Path.of("target", name);
    try {
      Files.createDirectories(target.getParent());
      Files.copy(
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
