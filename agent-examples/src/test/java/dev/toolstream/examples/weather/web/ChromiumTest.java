package dev.toolstream.examples.weather.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A class of the page's tests: one headless Chromium for the class, and the server of each test,
 * closed after it.
 */
abstract class ChromiumTest {
  static ChatPage page;
  ServedAgent served;

  @BeforeAll
  static void startChromium() {
    page = ChatPage.start();
  }

  @AfterAll
  static void stopChromium() {
    page.close();
  }

  @AfterEach
  void stopServer() {
    if (served != null) {
      served.close();
    }
  }
}
