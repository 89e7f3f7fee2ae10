package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageStreamListenerTest {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static MessageStream fixture(String name) {
    return MessagesClient.streamOf(new ByteArrayInputStream(Fixtures.bytes(name)));
  }

  /** Records every callback as one line. */
  private static final class Recorder implements StreamListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void onText(String text) {
      calls.add("text");
    }

    @Override
    public void onThinking(String thinking) {
      calls.add("thinking");
    }

    @Override
    public void onToolInputDelta(ToolInputDelta delta) {
      calls.add("input:" + delta.partialInput());
    }

    @Override
    public void onContentBlock(int index, ContentBlock block) {
      calls.add("block:" + index + ":" + block.type());
    }

    @Override
    public void onMessage(Message message) {
      calls.add("message:" + message.stopReason());
    }

    @Override
    public void onError(ToolstreamException error) {
      calls.add("error:" + error.getClass().getSimpleName());
    }
  }

  @Test
  void listenersSeeDeltasThenBlocksThenExactlyOneMessage() {
    Recorder recorder = new Recorder();
    try (MessageStream stream = fixture("thinking_tool_use.sse").addListener(recorder)) {
      stream.finalMessage();
    }

    List<String> calls = recorder.calls;
    assertThat(calls).first().isEqualTo("thinking");
    assertThat(calls)
        .containsSubsequence(
            "thinking", "block:0:thinking", "text", "block:1:text", "input:{\"city\":\"Reyk\"}",
            "input:{\"city\":\"Reykjavik\"}", "block:2:tool_use");
    assertThat(calls).last().isEqualTo("message:tool_use");
    assertThat(calls.stream().filter(c -> c.startsWith("message:") || c.startsWith("error:")))
        .hasSize(1);
  }

  @Test
  void toolInputDeltasCarryTheInputParsedSoFar() {
    Recorder recorder = new Recorder();
    try (MessageStream stream = fixture("tool_use.sse").addListener(recorder)) {
      stream.finalMessage();
    }

    List<String> inputs =
        recorder.calls.stream().filter(c -> c.startsWith("input:")).toList();
    assertThat(inputs).isNotEmpty();
    assertThat(inputs.get(inputs.size() - 1)).contains("\"city\":\"Paris");
    // Each snapshot is an object; none is an error or a raw fragment.
    assertThat(inputs).allSatisfy(c -> assertThat(c).startsWith("input:{"));
  }

  @Test
  void aFailedStreamCallsOnErrorOnceAndNeverOnMessage() {
    Recorder recorder = new Recorder();
    MessageStream stream = fixture("error_midstream.sse").addListener(recorder);

    Throwable thrown = catchThrowable(stream::finalMessage);

    assertThat(thrown).isInstanceOf(StreamErrorException.class);
    assertThat(catchThrowable(stream::finalMessage)).isSameAs(thrown);
    assertThat(recorder.calls).contains("error:StreamErrorException").noneMatch(c -> c.startsWith("message:"));
    assertThat(recorder.calls.stream().filter(c -> c.startsWith("error:"))).hasSize(1);
  }

  @Test
  void asyncStreamingCompletesWithTheFinalMessageOnTheExecutor() {
    List<String> threads = new ArrayList<>();
    MessageStream stream =
        fixture("text.sse")
            .addListener(StreamListener.onText(t -> threads.add(Thread.currentThread().getName())));

    CompletableFuture<Message> future = stream.finalMessageAsync(executor);

    Message message = future.join();
    assertThat(message.text()).isNotEmpty();
    assertThat(threads).isNotEmpty().doesNotContain(Thread.currentThread().getName());
  }

  @Test
  void asyncStreamingCompletesExceptionallyWithTheStreamFailure() {
    CompletableFuture<Message> future = fixture("error_midstream.sse").finalMessageAsync(executor);

    assertThat(catchThrowable(future::join))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(StreamErrorException.class);
  }

  @Test
  void aThrowingListenerEndsTheStreamWithItsException() {
    IllegalStateException boom = new IllegalStateException("listener bug");
    MessageStream stream =
        fixture("text.sse")
            .addListener(
                StreamListener.onText(
                    t -> {
                      throw boom;
                    }));

    assertThat(catchThrowable(stream::finalMessage)).isSameAs(boom);
  }
}
