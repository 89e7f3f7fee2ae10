package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The page keeps a conversation: each question goes with the ones before, and a reload shows
 * them again when the server keeps conversations. One browser serves the class.
 */
final class ChatConversationBrowserTest extends ChromiumTest {
  @TempDir Path folder;
  private JdbcRunStore store;

  @AfterEach
  void closeStore() {
    // Before the base class would: the server's durable agent hands its runs over on the store.
    if (served != null) {
      served.close();
      served = null;
    }
    if (store != null) {
      store.close();
    }
  }

  private static Script answers(String first, String second) {
    return request -> Turn.text(request.messages().size() == 1 ? first : second);
  }

  private static List<String> texts(String selector) {
    return page.browser.findElements(By.cssSelector(selector)).stream()
        .map(WebElement::getText)
        .toList();
  }

  @Test
  void aServerThatKeepsConversationsGetsTheSecondQuestionWithTheFirstAndAReloadShowsBoth() {
    store = JdbcRunStore.h2(folder.resolve("runs"));
    served = ServedAgent.durable(answers("Mild in Tokyo.", "Cooler in Paris."), store);
    page.open(served);

    page.askAndAwait("Weather in Tokyo?");
    page.askAndAwait("And in Paris?");

    List<JsonNode> sent = served.claude.requests().get(1).messages();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1).toString()).contains("Mild in Tokyo.");
    assertThat(sent.get(2).toString()).contains("And in Paris?");

    page.browser.navigate().refresh();

    page.waiting().until(b -> page.exchanges() == 2 && page.answer().equals("Cooler in Paris."));
    assertThat(texts(".exchange .question")).containsExactly("Weather in Tokyo?", "And in Paris?");
    assertThat(texts(".exchange .answer")).containsExactly("Mild in Tokyo.", "Cooler in Paris.");
  }

  @Test
  void aQuestionAnotherTabIsStillAskingShowsAsFarAsItGotAndItsAnswerArrivesWithoutAReload()
      throws Exception {
    store = JdbcRunStore.h2(folder.resolve("runs"));
    StreamGate gate = new StreamGate();
    served =
        ServedAgent.durable(request -> Turn.builder().hold(gate).text("Mild in Tokyo.").build(), store);
    page.open(served);
    String cookie =
        Conversations.COOKIE + "=" + page.browser.manage().getCookieNamed(Conversations.COOKIE).getValue();
    // Another tab of the same browser asks; its answer is held before it begins.
    Request ask =
        new Request.Builder()
            .url(served.url("/stream?prompt=" + URLEncoder.encode("Weather in Tokyo?", StandardCharsets.UTF_8)))
            .header("Cookie", cookie)
            .build();
    CompletableFuture<String> otherTab =
        CompletableFuture.supplyAsync(
            () -> {
              try (Response response = served.client.newCall(ask).execute()) {
                return response.body().string();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThat(gate.awaitReached(ChatPage.WAIT)).as("the other tab's run is under way").isTrue();

    page.browser.navigate().refresh();
    page.waiting()
        .withMessage("the question being answered shows, marked as such")
        .until(b -> texts(".exchange .question").equals(List.of("Weather in Tokyo?"))
            && texts(".exchange .notice.pending").size() == 1);
    assertThat(page.lastExchangeState()).isEqualTo("streaming");
    page.screenshot("chat-still-answering.png");

    gate.open();
    assertThat(otherTab.get(ChatPage.WAIT.toSeconds(), TimeUnit.SECONDS)).contains("event: done");
    page.waiting()
        .withMessage(
            () -> "the answer arrives without a reload; the page shows "
                + page.browser.executeScript(
                    "return Array.from(document.querySelectorAll('.exchange'), e => e.dataset.state"
                        + " + ': ' + e.textContent).join(' | ')"))
        .until(b -> page.answer().equals("Mild in Tokyo.") && "done".equals(page.lastExchangeState()));
    assertThat(texts(".exchange .question")).containsExactly("Weather in Tokyo?");
    assertThat(texts(".exchange .notice")).isEmpty();
  }

  @Test
  void aServerWithoutAStoreGetsTheConversationFromThePage() {
    served = ServedAgent.start(answers("Mild in Tokyo.", "Cooler in Paris."));
    page.open(served);

    page.askAndAwait("Weather in Tokyo?");
    page.askAndAwait("And in Paris?");

    List<JsonNode> sent = served.claude.requests().get(1).messages();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).toString()).contains("Weather in Tokyo?");
    assertThat(sent.get(1).toString()).contains("Mild in Tokyo.");
    assertThat(sent.get(2).toString()).contains("And in Paris?");
    assertThat(texts(".exchange .answer")).containsExactly("Mild in Tokyo.", "Cooler in Paris.");
  }
}
