package dev.toolstream.store.internal;

import dev.toolstream.store.LeaseLostException;
import dev.toolstream.store.RunStore;
import dev.toolstream.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the leases of the runs an instance holds, every third of a lease, on one daemon thread.
 * A renewal the store refuses means another instance took the run over: the run is told to stop.
 * A renewal that fails otherwise (the database is briefly away) is logged and tried again at the
 * next beat; if the lease expires meanwhile, the next one is refused.
 */
public final class Heartbeats implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

  private final RunStore store;
  private final String owner;
  private final Duration lease;
  private final ScheduledExecutorService scheduler;

  public Heartbeats(RunStore store, String owner, Duration lease) {
    this.store = store;
    this.owner = owner;
    this.lease = lease;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "toolstream-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A run's heartbeat; stop it when the run ends. */
  public interface Beat {
    void stop();
  }

  /** Starts renewing a run's lease; {@code onLost} runs once if another instance took it. */
  public Beat start(String runId, Runnable onLost) {
    long period = Math.max(1, lease.toMillis() / 3);
    AtomicReference<@Nullable ScheduledFuture<?>> task = new AtomicReference<>();
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable renew =
        () -> {
          if (stopped.get()) {
            return;
          }
          try {
            store.renew(runId, owner, lease);
          } catch (LeaseLostException e) {
            if (stopped.compareAndSet(false, true)) {
              log.warn("run {}: {}", runId, e.getMessage());
              onLost.run();
            }
          } catch (StoreException e) {
            log.warn("run {}: could not renew the lease, trying again: {}", runId, e.getMessage());
          }
        };
    task.set(scheduler.scheduleAtFixedRate(renew, period, period, TimeUnit.MILLISECONDS));
    return () -> {
      stopped.set(true);
      ScheduledFuture<?> scheduled = task.get();
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    };
  }

  /** Runs {@code work} every {@code period} on the heartbeat thread; cancel it to stop. */
  public ScheduledFuture<?> every(Duration period, Runnable work) {
    long millis = Math.max(1, period.toMillis());
    return scheduler.scheduleWithFixedDelay(work, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
