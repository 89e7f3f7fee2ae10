package dev.toolstream.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The idle timer cuts a call only after its whole timeout passed without a byte, and never once
 * stopped; it runs one task per quiet spell, on a clock and a scheduler the test turns by hand.
 */
final class IdleTimerTest {
  private static final Duration IDLE = Duration.ofSeconds(10);

  private long now = 1_000_000_000L;
  private @Nullable Runnable atNextReading;
  private final List<Scheduled> scheduled = new ArrayList<>();
  private final AtomicInteger cancels = new AtomicInteger();

  private final RetryClock clock =
      new RetryClock() {
        @Override
        public long nanoTime() {
          Runnable meanwhile = atNextReading;
          atNextReading = null;
          if (meanwhile != null) {
            meanwhile.run(); // As if it happened while the reader was held up, just before it read.
          }
          return now;
        }

        @Override
        public void sleep(Duration wait, RetryingCaller.CallHolder holder) {
          now += wait.toNanos();
        }
      };

  private final IdleTimer timer =
      new IdleTimer(
          IDLE,
          clock,
          (task, delayNanos) -> {
            Scheduled next = new Scheduled(task, delayNanos);
            scheduled.add(next);
            return () -> next.cancelled = true;
          });

  private static final class Scheduled {
    final Runnable task;
    final long delayNanos;
    boolean cancelled;

    Scheduled(Runnable task, long delayNanos) {
      this.task = task;
      this.delayNanos = delayNanos;
    }
  }

  /** Returns a watch of {@link #timer}, started from now, whose cancel {@link #cancels} counts. */
  private IdleTimer.Watch started() {
    IdleTimer.Watch watch = timer.watch();
    watch.start(cancels::incrementAndGet);
    return watch;
  }

  private Scheduled last() {
    return scheduled.get(scheduled.size() - 1);
  }

  @Test
  void aCallThatReceivesNothingIsCancelledOnceItsTimeoutPassed() {
    IdleTimer.Watch watch = started();
    assertThat(last().delayNanos).isEqualTo(IDLE.toNanos());

    now += IDLE.toNanos();
    last().task.run();

    assertThat(cancels).hasValue(1);
    assertThat(watch.fired()).isTrue();
    assertThat(scheduled).hasSize(1);
  }

  @Test
  void aWaitThatBeganSinceSetsTheTaskAgainForWhatIsLeftAndOnlyAWholeQuietWaitCuts() {
    IdleTimer.Watch watch = started();
    now += Duration.ofSeconds(4).toNanos();
    watch.received(); // The response came at 4 s, and a read of its body waits from then on.
    watch.waiting();
    now += Duration.ofSeconds(6).toNanos();

    last().task.run();

    assertThat(cancels).hasValue(0);
    assertThat(watch.fired()).isFalse();
    assertThat(last().delayNanos).isEqualTo(Duration.ofSeconds(4).toNanos());

    now += Duration.ofSeconds(4).toNanos();
    last().task.run();

    assertThat(cancels).hasValue(1);
    assertThat(watch.fired()).isTrue();
  }

  @Test
  void timeTheCallerSpendsBetweenReadsIsNeverCounted() {
    IdleTimer.Watch watch = started();
    watch.received();
    now += IDLE.toNanos() * 3; // A slow listener, say: no read waits.

    last().task.run();

    assertThat(cancels).hasValue(0);
    assertThat(last().delayNanos).isEqualTo(IDLE.toNanos());

    watch.waiting();
    now += IDLE.toNanos();
    last().task.run();

    assertThat(cancels).hasValue(1);
  }

  @Test
  void aWaitThatEndsWhileTheTimerIsHeldUpLookingIsNeverCutForTheTimeSince() {
    IdleTimer.Watch watch = started();
    now += Duration.ofSeconds(9).toNanos(); // The response is awaited for 9 s, within the timeout.
    atNextReading =
        () -> {
          // The timer thread is held up as it looks: the response arrives, and the caller then
          // spends a minute on it before it reads again.
          watch.received();
          now += Duration.ofMinutes(1).toNanos();
        };

    last().task.run();

    assertThat(cancels).hasValue(0);
    assertThat(watch.fired()).isFalse();
  }

  @Test
  void whileNoReadWaitsNothingIsLeftOnTheTimerAndTheNextWaitSetsItAgain() {
    IdleTimer.Watch watch = started();
    watch.received(); // The response came, and its caller reads no more: it may have dropped it.
    now += IDLE.toNanos();

    last().task.run();

    assertThat(scheduled).as("no task on the timer holds the call").hasSize(1);

    watch.waiting();
    assertThat(scheduled).hasSize(2);
    assertThat(last().delayNanos).isEqualTo(IDLE.toNanos());
    watch.waiting(); // A later wait finds the task set.
    assertThat(scheduled).hasSize(2);

    now += IDLE.toNanos();
    last().task.run();

    assertThat(cancels).hasValue(1);
  }

  @Test
  void aStoppedWatchIsNotSetAgainByAWait() {
    IdleTimer.Watch watch = started();
    watch.received();
    now += IDLE.toNanos();
    last().task.run();

    watch.stop();
    watch.waiting();

    assertThat(scheduled).hasSize(1);
  }

  @Test
  void sendingTheRequestIsNotWaitingAndTheWaitForTheResponseBeginsOnceItIsSent()
      throws IOException {
    IdleTimer.Watch watch = timer.watch();
    RequestBody slowToSend =
        new RequestBody() {
          @Override
          public @Nullable MediaType contentType() {
            return null;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            now += IDLE.toNanos() * 3; // A slow uplink, say.
            sink.writeUtf8("{}");
          }
        };
    Request request =
        IdleTimer.sending(
            new Request.Builder().url("http://localhost/").post(slowToSend).build(), watch);
    watch.start(cancels::incrementAndGet);

    request.body().writeTo(new Buffer());
    last().task.run();

    assertThat(cancels).hasValue(0);
    assertThat(last().delayNanos).isEqualTo(IDLE.toNanos());

    now += IDLE.toNanos(); // No answer since the request was sent.
    last().task.run();

    assertThat(cancels).hasValue(1);
  }

  @Test
  void aStoppedWatchCancelsItsTaskAndNeverCuts() {
    IdleTimer.Watch watch = started();

    watch.stop();
    now += IDLE.toNanos() * 2;
    last().task.run(); // As if the timer ran it anyway, racing the stop.

    assertThat(last().cancelled).isTrue();
    assertThat(cancels).hasValue(0);
    assertThat(watch.fired()).isFalse();
    assertThat(scheduled).hasSize(1);
  }

  @Test
  void theFailureOfACutReadSaysWhatPassedAndKeepsWhatItEnded() {
    IdleTimer.Watch watch = started();
    IOException canceled = new IOException("Canceled");

    Exception timeout = watch.timeout(canceled);

    assertThat(timeout).hasMessage("no byte arrived for 10000 ms (idleTimeout)").hasCause(canceled);
  }
}
