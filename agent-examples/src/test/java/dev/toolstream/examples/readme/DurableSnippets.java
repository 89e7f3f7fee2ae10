package dev.toolstream.examples.readme;

// region durable-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.store.ConversationWindow;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.DurableResult;
import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.store.RunStore;
import dev.toolstream.tools.Tool;
import dev.toolstream.tools.ToolParam;
import java.nio.file.Path;
import java.time.Duration;
// endregion

/** The README's durable-runs snippets, compiled (and run by {@link DurableSnippetsRunTest}). */
final class DurableSnippets {
  private DurableSnippets() {}

  /** The tools of the snippets: one that only reads, one that changes the world. */
  // region durable-tools
  static final class Booking {
    @Tool(description = "Rooms free in a hotel on a date.", idempotent = true)   // safe to repeat
    public String freeRooms(@ToolParam(description = "Hotel") String hotel, String date) {
      return "2 rooms free at " + hotel + " on " + date;
    }

    @Tool(description = "Books a room.", requiresApproval = true)  // a person says yes first
    public String bookRoom(String hotel, String date) {
      return "Booked " + hotel + " on " + date;
    }
  }
  // endregion

  static DurableAgent setUp(Agent agent, Path directory) {
    // region durable-setup
    RunStore store = JdbcRunStore.h2(directory.resolve("runs"));  // one machine: an H2 file
    // Several machines share PostgreSQL: JdbcRunStore.open("jdbc:postgresql://db/app", user, pw),
    // or your pool: JdbcRunStore.builder().dataSource(dataSource).build()
    DurableAgent durable = DurableAgent.builder(agent, store)
        .owner("orders-1")                      // unique among live instances, stable on restart
        .lease(Duration.ofSeconds(30))          // how soon others take over a dead one's runs
        .window(ConversationWindow.lastTurns(20))  // what a conversation sends of its past
        .build();
    durable.startRecovery(Duration.ofSeconds(30));  // finish the runs of instances that died
    // endregion
    return durable;
  }

  static DurableResult bookWithApproval(DurableAgent durable) {
    // region durable-approval
    DurableResult run = durable.start("Book me a room at the Ritz for Friday");
    if (run.isAwaitingApproval()) {           // stored as waiting; nothing was booked yet
      for (ContentBlock.ToolUse call : run.result().awaitingApproval()) {
        durable.approve(run.runId(), call.id());   // or deny(runId, callId, "over budget")
      }
      run = durable.resume(run.runId());      // on any instance, minutes or days later
    }
    System.out.println(run.text());
    // endregion
    return run;
  }

  static DurableResult chat(DurableAgent durable) {
    // region durable-chat
    durable.chat("customer-42", "Which hotels have rooms on Friday?");
    DurableResult answer = durable.chat("customer-42", "And on Saturday?");  // sees the first
    // endregion
    return answer;
  }
}
