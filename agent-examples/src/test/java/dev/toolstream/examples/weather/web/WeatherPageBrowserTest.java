package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The chat page in headless Chromium against the real server: the answer streams in place, tool
 * cards appear where they happen and fill in as the model writes their input, Stop cancels the
 * run, and failures are sentences. One browser serves the whole class.
 */
final class WeatherPageBrowserTest extends ChromiumTest {
  private void open(Script script) {
    served = ServedAgent.start(script);
    page.open(served);
  }

  /** The events of a tool_use block at {@code index} whose input streams up to a gate, then on. */
  private static Turn.Builder heldToolUse(
      Turn.Builder turn, int index, String before, StreamGate gate, String after) {
    return turn.event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_0\",\"name\":\"get_weather\",\"input\":{}}}")
        .event("content_block_delta", inputDelta(index, before))
        .hold(gate)
        .event("content_block_delta", inputDelta(index, after))
        .event(
            "content_block_stop",
            "{\"type\":\"content_block_stop\",\"index\":" + index + "}")
        .stopReason("tool_use");
  }

  private static String inputDelta(int index, String partialJson) {
    String quoted = partialJson.replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":"
        + "{\"type\":\"input_json_delta\",\"partial_json\":\"" + quoted + "\"}}";
  }

  @Test
  void theAnswerGrowsInPlace() {
    StreamGate gate = new StreamGate();
    Turn turn =
        Turn.builder()
            .textDeltas("The sky over Tokyo ")
            .hold(gate)
            .textDeltas("is clear.")
            .usage(10, 5)
            .cacheUsage(0, 1200)
            .build();
    open(Script.of(turn));

    page.ask("Tokyo tonight?");
    page.waiting().until(b -> !page.answer().isEmpty());

    // The upstream waits at the gate, so the page cannot have more than the first part.
    assertThat(gate.isReached()).isTrue();
    assertThat(page.answer()).isEqualTo("The sky over Tokyo");
    assertThat(page.state()).isEqualTo("streaming");
    WebElement stop = page.browser.findElement(By.id("stop"));
    assertThat(stop.isDisplayed()).isTrue();
    assertThat(stop.getAccessibleName()).isEqualTo("Stop");
    assertThat(page.browser.findElement(By.id("send")).isDisplayed()).isFalse();
    gate.open();
    page.awaitState("done");
    assertThat(page.answer()).isEqualTo("The sky over Tokyo is clear.");
    assertThat(page.lastExchange().findElement(By.className("question")).getText())
        .isEqualTo("Tokyo tonight?");
    assertThat(page.lastExchange().findElement(By.className("meta")).getText())
        .matches("1 step · 1,215 tokens · 1,200 from cache · [0-9.]+ (ms|s)");
    assertThat(page.browser.findElement(By.id("send")).isDisplayed()).isTrue();
    assertThat(page.browser.findElement(By.id("stop")).isDisplayed()).isFalse();
  }

  @Test
  void aToolCardFillsInWhereTheCallHappensAndTextAfterItGoesBelow() {
    StreamGate inputGate = new StreamGate();
    StreamGate answerGate = new StreamGate();
    Turn call =
        heldToolUse(
                Turn.builder().text("Let me check."), 1, "{\"city\": \"Tok", inputGate, "yo\"}")
            .build();
    Turn answer = Turn.builder().hold(answerGate).text("It is **14.3 °C** in Tokyo.").build();
    open(request -> request.toolResults().isEmpty() ? call : answer);

    page.ask("Weather in Tokyo?");

    // The model is still writing the input: the card shows it as far as it has come.
    page.waiting().until(b -> !b.findElements(By.cssSelector(".exchange .tool")).isEmpty());
    WebElement card = page.lastExchange().findElement(By.cssSelector(".tool"));
    page.waiting().until(b -> card.findElement(By.className("tool-input")).getText().equals("{\"city\": \"Tok"));
    assertThat(inputGate.isReached()).isTrue();
    assertThat(card.findElements(By.className("tool-result"))).isEmpty();
    assertThat(card.getDomAttribute("aria-label")).isEqualTo("Tool call get_weather");
    assertThat(card.findElement(By.className("tool-name")).getText()).isEqualTo("get_weather");
    assertThat(page.replyParts()).containsExactly("answer", "tool");

    inputGate.open();
    page.waiting().until(b -> !card.findElements(By.className("tool-result")).isEmpty());
    assertThat(card.findElement(By.className("tool-input")).getText())
        .isEqualTo("{\"city\":\"Tokyo\"}");
    assertThat(card.findElement(By.className("tool-result")).getText())
        .startsWith("Tokyo, Japan: 14.3 °C");
    assertThat(card.findElement(By.className("tool-state")).getText()).startsWith("done");
    assertThat(page.state()).isEqualTo("streaming");

    answerGate.open();
    page.awaitState("done");
    assertThat(page.replyParts()).containsExactly("answer", "tool", "answer");
    assertThat(page.answer()).isEqualTo("Let me check.|It is 14.3 °C in Tokyo.");
    String meta = page.lastExchange().findElement(By.className("meta")).getText();
    assertThat(meta).matches("2 steps · [0-9,]+ tokens · [0-9.]+ (ms|s)");
    assertThat(meta).doesNotContain("end_turn").doesNotContain("tool_use");
  }

  @Test
  void stopCancelsTheRunAndTheNextQuestionIsAnswered() throws Exception {
    Turn held = Turn.builder().text("Part one.").hold(new StreamGate()).text("Two.").build();
    served =
        ServedAgent.start(
            ScriptedClaude.start(held, Turn.text("Again.")),
            server -> server.heartbeat(Duration.ofMillis(20)));
    page.open(served);

    page.ask("Tokyo?");
    page.waiting().until(b -> page.answer().equals("Part one."));
    page.browser.findElement(By.id("stop")).click();

    page.awaitState("stopped");
    assertThat(served.claude.awaitClientDisconnect(ChatPage.WAIT)).isTrue();
    assertThat(served.server.awaitIdle(ChatPage.WAIT)).isTrue();
    WebElement stopped = page.lastExchange();
    assertThat(stopped.getDomAttribute("data-state")).isEqualTo("stopped");
    assertThat(stopped.findElement(By.className("notice")).getText()).startsWith("Stopped.");
    assertThat(page.answer()).isEqualTo("Part one.");

    page.askAndAwait("Paris?");
    assertThat(page.answer()).isEqualTo("Again.");
    assertThat(page.exchanges()).isEqualTo(2);
  }

  @Test
  void anApiErrorIsASentenceWithoutItsType() {
    open(Script.of(ErrorReply.of(529, "overloaded_error", "Overloaded")));

    page.ask("Tokyo?");

    page.awaitState("error");
    WebElement notice = page.lastExchange().findElement(By.className("notice"));
    assertThat(notice.isDisplayed()).isTrue();
    assertThat(notice.getText()).isEqualTo("Claude is overloaded right now. Try again in a moment.");
    assertThat(page.lastExchange().getText())
        .doesNotContain("overloaded_error")
        .doesNotContain("Exception");
    assertThat(page.answer()).isEmpty();
  }

  @Test
  void aBrokenStreamKeepsWhatArrivedAndSaysWhatHappened() {
    open(Script.of(Turn.builder().text("Let me look").disconnectAfter(3).build()));

    page.ask("Tokyo?");

    page.awaitState("error");
    assertThat(page.lastExchange().findElement(By.className("notice")).getText())
        .isEqualTo("The connection to Claude broke before the answer was complete. Try again.");
    assertThat(page.lastExchange().getText()).doesNotContain("stream_broken");
  }

  @Test
  void aRefusedRequestIsTheServersSentence() throws IOException {
    served =
        ServedAgent.start(
            ScriptedClaude.start(Turn.builder().text("Held.").hold(new StreamGate()).build()),
            server -> server.maxConcurrentStreams(1).heartbeat(Duration.ofMillis(20)));
    page.open(served);
    try (Response taken = served.get("/stream?prompt=Hold")) {
      assertThat(taken.code()).isEqualTo(200);

      page.ask("Tokyo?");

      page.awaitState("error");
      assertThat(page.lastExchange().findElement(By.className("notice")).getText())
          .isEqualTo(
              "Every stream slot is taken (or the server is stopping); try again in 2 seconds.");
    }
  }

  @Test
  void anEmptyQuestionIsNotSent() {
    open(Script.of(Turn.text("unused")));

    page.ask("   ");

    page.awaitState("empty");
    assertThat(page.exchanges()).isZero();
    assertThat(page.prompt().getDomProperty("placeholder")).startsWith("Type a question first");
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
      page.browser.get("http://127.0.0.1:" + other.getAddress().getPort() + "/");

      page.waiting()
          .withMessage("the foreign page's three requests end")
          .until(
              b ->
                  Boolean.TRUE.equals(
                      page.browser.executeScript(
                          "return !!(window.done && done.img && done.eventSource && done.post)")));
    } finally {
      other.stop(0);
    }

    assertThat(served.claude.requests()).isEmpty();
    assertThat(served.server.liveStreams()).isZero();
  }
}
