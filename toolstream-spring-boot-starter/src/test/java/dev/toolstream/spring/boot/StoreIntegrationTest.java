package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.spring.boot.internal.StoreAutoConfiguration;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.DurableResult;
import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.store.RunStatus;
import dev.toolstream.store.RunStore;
import dev.toolstream.testkit.Turn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Durable runs switch on with agent-store and a DataSource, in the application's database. */
class StoreIntegrationTest {
  static final Claude claude = new Claude();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurationTest.ALL)
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class, StoreAutoConfiguration.class))
          .withPropertyValues(
              "toolstream.base-url=" + claude.server.baseUrl(),
              "toolstream.api-key=" + Claude.API_KEY,
              "toolstream.max-retries=0",
              "spring.datasource.generate-unique-name=true");

  @AfterAll
  static void stop() {
    claude.close();
  }

  @Test
  void aDurableRunIsKeptInTheApplicationsOwnDatabase() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(RunStore.class).hasSingleBean(DurableAgent.class);
          claude.enqueue(Turn.text("Sunny in Lisbon."));

          DurableResult result = context.getBean(DurableAgent.class).start("Weather in Lisbon?");

          assertThat(result.text()).isEqualTo("Sunny in Lisbon.");
          assertThat(result.status()).isEqualTo(RunStatus.DONE);
          try (Connection connection = context.getBean(DataSource.class).getConnection();
              Statement statement = connection.createStatement();
              ResultSet row =
                  statement.executeQuery(
                      "SELECT status FROM toolstream_runs WHERE run_id = '"
                          + result.runId()
                          + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("DONE");
          }
        });
  }

  @Test
  void theTablePrefixAndOwnerComeFromProperties() {
    runner
        .withPropertyValues(
            "toolstream.store.table-prefix=agents_", "toolstream.store.owner=orders-1")
        .run(
            context -> {
              claude.enqueue(Turn.text("Done."));
              DurableAgent durable = context.getBean(DurableAgent.class);
              assertThat(durable.owner()).isEqualTo("orders-1");
              String runId = durable.start("Hi").runId();
              try (Connection connection = context.getBean(DataSource.class).getConnection();
                  Statement statement = connection.createStatement();
                  ResultSet row =
                      statement.executeQuery(
                          "SELECT COUNT(*) FROM agents_runs WHERE run_id = '" + runId + "'")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
              }
            });
  }

  @Test
  void withoutADataSourceOrWithoutAgentStoreThereIsNoStore() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurationTest.ALL)
        .withConfiguration(AutoConfigurations.of(StoreAutoConfiguration.class))
        .withPropertyValues("toolstream.api-key=" + Claude.API_KEY)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(RunStore.class);
              assertThat(context).doesNotHaveBean(DurableAgent.class);
            });
    runner
        .withClassLoader(new FilteredClassLoader(JdbcRunStore.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(DataSource.class);
              assertThat(context).doesNotHaveBean(RunStore.class);
            });
  }

  @Test
  void theApplicationsOwnStoreWinsAndTheStoreCanBeTurnedOff() {
    runner
        .withUserConfiguration(OwnStore.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(RunStore.class);
              assertThat(context.getBean(RunStore.class)).isSameAs(OwnStore.STORE);
              assertThat(context).hasSingleBean(DurableAgent.class);
            });
    runner
        .withPropertyValues("toolstream.store.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(RunStore.class);
              assertThat(context).doesNotHaveBean(DurableAgent.class);
            });
  }

  @Test
  void aStorePropertyOutOfRangeFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues("toolstream.store.recover-every=500ms")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "toolstream.store.recover-every: every is PT0.5S: look at most once a"
                            + " second"));
    runner
        .withPropertyValues("toolstream.store.lease=0s")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "toolstream.store.lease: lease is PT0S: give at least one second"));
    runner
        .withPropertyValues("toolstream.store.table-prefix=my-prefix")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "toolstream.store.table-prefix: table prefix \"my-prefix\" is not"
                            + " allowed"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {
    static final RunStore STORE =
        JdbcRunStore.open("jdbc:h2:mem:own-store;DB_CLOSE_DELAY=-1");

    @Bean
    RunStore ownRunStore() {
      return STORE;
    }
  }
}
