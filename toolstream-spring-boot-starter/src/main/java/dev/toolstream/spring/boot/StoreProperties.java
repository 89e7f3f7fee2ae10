package dev.toolstream.spring.boot;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code toolstream.store.*} properties: durable runs in the application's database, on when
 * agent-store is on the classpath and the application has a {@code DataSource}.
 *
 * @param enabled Whether to keep runs in the application's DataSource when agent-store is on the
 *     classpath.
 * @param tablePrefix Prefix of the store's tables (toolstream_runs, toolstream_run_steps, ...).
 * @param owner Id this instance holds runs under; unique among live instances and stable across a
 *     restart, so that a restarted instance takes its runs back at once. Host name, process id and
 *     a random part unless set.
 * @param lease How long an instance holds a run without renewing it: how soon another instance
 *     takes over the runs of one that died. A heartbeat renews it every third of this.
 * @param recoverEvery How often this instance looks for runs that other instances left, and
 *     finishes them. 0 never looks.
 */
@ConfigurationProperties("toolstream.store")
public record StoreProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("toolstream_") String tablePrefix,
    @Nullable String owner,
    @DefaultValue("30s") Duration lease,
    @DefaultValue("30s") Duration recoverEvery) {

  /**
   * Binds the properties.
   *
   * @param enabled whether the store is on
   * @param tablePrefix the tables' prefix
   * @param owner this instance's id, or null for a generated one
   * @param lease the lease
   * @param recoverEvery the recovery interval, zero for none
   */
  public StoreProperties {}
}
