package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The server's threads come from the factory the builder is given. */
final class ThreadFactoryTest {

  @Test
  void connectionsAreServedOnThreadsOfTheGivenFactory() throws Exception {
    List<String> made = new CopyOnWriteArrayList<>();
    List<String> servedOn = new CopyOnWriteArrayList<>();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "custom-" + made.size());
          thread.setDaemon(true);
          made.add(thread.getName());
          return thread;
        };
    Script script =
        request -> {
          servedOn.add(Thread.currentThread().getName());
          return Turn.text("Hi");
        };
    OkHttpClient client = Api.client();
    try (ScriptedClaude claude =
        ScriptedClaude.builder().script(script).threadFactory(factory).build().start()) {
      Api.call(client, Api.messages(claude, "{\"stream\":true}"));
    }

    assertThat(made).hasSizeGreaterThanOrEqualTo(2); // The acceptor and the connection's thread.
    assertThat(servedOn).hasSize(1);
    assertThat(made).contains(servedOn.get(0));
  }
}
