package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@code @Tool} method of a {@code @Transactional} bean runs in a transaction when the agent
 * calls it: the call goes through the bean's proxy, not to the raw method.
 */
@SpringBootTest(
    classes = TransactionalToolTest.App.class,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:ledger;DB_CLOSE_DELAY=-1",
      "spring.sql.init.mode=never"
    })
class TransactionalToolTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({Ledger.class, Claude.Config.class})
  static class App {}

  public static class Ledger {
    private final List<Boolean> transactionActive = new CopyOnWriteArrayList<>();
    private final JdbcTemplate jdbc;

    public Ledger(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Tool(description = "Records an entry in the ledger.")
    @Transactional
    public String record(String entry) {
      transactionActive.add(TransactionSynchronizationManager.isActualTransactionActive());
      jdbc.execute("CREATE TABLE IF NOT EXISTS ledger (entry VARCHAR(100))");
      jdbc.update("INSERT INTO ledger VALUES (?)", entry);
      return "recorded " + entry;
    }

    /** Whether a transaction was active in each call, read through the proxy. */
    public List<Boolean> transactionActive() {
      return transactionActive;
    }
  }

  @Autowired Agent agent;
  @Autowired Ledger ledger;
  @Autowired Claude claude;

  @Test
  void theToolRunsThroughTheBeansTransactionalProxy() throws Exception {
    assertThat(AopUtils.isAopProxy(ledger)).as("the bean is a proxy").isTrue();
    claude.enqueue(Claude.toolCall("record", "{\"entry\":\"coffee\"}"), Turn.text("Done."));

    AgentResult result = agent.run("Record coffee.");

    assertThat(result.text()).isEqualTo("Done.");
    assertThat(ledger.transactionActive()).containsExactly(true);
    claude.takeRequest();
    RecordedRequest second = claude.takeRequest();
    assertThat(second.toolResults()).hasSize(1);
    assertThat(second.toolResults().get(0).path("content").toString()).contains("recorded coffee");
  }
}
