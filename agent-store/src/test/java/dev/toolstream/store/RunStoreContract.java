package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.RunState;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import dev.toolstream.store.internal.Migrations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database under {@link JdbcRunStore} must do, run on H2 and on PostgreSQL by the
 * subclasses.
 */
abstract class RunStoreContract {
  static final Duration LEASE = Duration.ofSeconds(30);

  final MutableClock clock = new MutableClock();
  JdbcRunStore store;

  /** Returns a builder on this test's database, with its own tables and {@link #clock}. */
  abstract JdbcRunStore.Builder database();

  /** Returns the prefix of this test's tables. */
  abstract String prefix();

  /** Opens a plain connection to this test's database. */
  abstract Connection connect() throws SQLException;

  @BeforeEach
  void openStore() {
    store = database().build();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aRunsHistoryComesBackExactlyAsReceived() {
    Message reply =
        Messages.reply(
            "[{\"type\":\"thinking\",\"thinking\":\"Paris, then Tōkyō \\uD83C\\uDF24\","
                + "\"signature\":\"EqQBCkYIBxgCKkA+sig/with=padding==\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"c2VjcmV0\"},"
                + "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\","
                + "\"input\":{\"query\":\"météo\"}},"
                + "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\","
                + "\"content\":[{\"type\":\"web_search_result\",\"url\":\"https://x.test\","
                + "\"title\":\"X\",\"encrypted_content\":\"abc\",\"page_age\":null}]},"
                + "{\"type\":\"text\",\"text\":\"Checking \\\"both\\\"\\n\",\"future_field\":{\"a\":[1,2.50]}},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_weather\",\"name\":\"weather\","
                + "\"input\":{\"city\":\"Zürich\",\"precise\":12345678901234567.89}},"
                + "{\"type\":\"brand_new_block\",\"payload\":{\"x\":true}}]",
            "tool_use");
    store.create("run-1", null, 0, List.of(MessageParam.user("Wetter in Zürich? ☂")), "me", LEASE);

    store.append("run-1", "me", new RunStep.Turn(1, reply));
    store.append("run-1", "me", new RunStep.ToolStarted("toolu_weather"));
    store.append("run-1", "me", new RunStep.ToolCompleted(Messages.result("weather", "Sunny ☀")));

    List<RunStep> steps = store.steps("run-1");
    assertThat(steps).hasSize(4);
    Message stored = ((RunStep.Turn) steps.get(1)).message();
    assertThat(Json.write(MessageCodec.writeMessage(stored)))
        .isEqualTo(Json.write(MessageCodec.writeMessage(reply)));
    assertThat(stored).isEqualTo(reply);
    assertThat(steps.get(3)).isEqualTo(new RunStep.ToolCompleted(Messages.result("weather", "Sunny ☀")));
    RunState state = store.state("run-1");
    assertThat(state.history())
        .containsExactly(
            MessageParam.user("Wetter in Zürich? ☂"),
            reply.toParam(),
            MessageParam.user(List.of(Messages.result("weather", "Sunny ☀"))));
    assertThat(state.turnUsage()).containsExactly(reply.usage());
  }

  @Test
  void eachCheckpointAppendsOneRowAndLeavesTheEarlierOnesAsTheyWere() throws SQLException {
    store.create("run-1", null, 0, List.of(MessageParam.user("Weather?")), "me", LEASE);
    List<RunStep> checkpoints =
        List.of(
            new RunStep.Turn(1, Messages.callingTools("weather", "clock")),
            new RunStep.ToolStarted("toolu_weather"),
            new RunStep.ToolStarted("toolu_clock"),
            new RunStep.ToolCompleted(Messages.result("clock", "noon")),
            new RunStep.ToolCompleted(Messages.result("weather", "rain")),
            new RunStep.Turn(2, Messages.answer("Rain at noon.")),
            new RunStep.Ended(RunStatus.DONE, List.of(), null));
    List<String> before = stepRows("run-1");
    for (RunStep checkpoint : checkpoints) {
      store.append("run-1", "me", checkpoint);
      List<String> after = stepRows("run-1");
      assertThat(after).hasSize(before.size() + 1).startsWith(before.toArray(String[]::new));
      before = after;
    }
    RunRecord run = store.find("run-1").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.DONE);
    assertThat(run.steps()).isEqualTo(1 + checkpoints.size());
    assertThat(run.turns()).isEqualTo(2);
    assertThat(run.usage().inputTokens()).isEqualTo(200);
    assertThat(run.usage().cacheReadInputTokens()).isEqualTo(100);
    assertThat(run.owner()).isNull();
    assertThat(store.state("run-1").history()).hasSize(4);
  }

  @Test
  void aLiveLeaseCannotBeClaimedAndAnExpiredOneCan() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "alpha", LEASE);

    assertThatThrownBy(() -> store.claim("run-1", "beta", LEASE))
        .isInstanceOf(RunHeldException.class)
        .hasMessageContaining("held by alpha")
        .satisfies(e -> assertThat(((RunHeldException) e).owner()).isEqualTo("alpha"));

    clock.advance(LEASE.plusMillis(1));
    RunRecord claimed = store.claim("run-1", "beta", LEASE);
    assertThat(claimed.owner()).isEqualTo("beta");
    assertThat(claimed.claims()).isEqualTo(1);
    assertThat(claimed.leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
  }

  @Test
  void aRenewedLeaseKeepsTheRunFromBeingClaimed() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "alpha", LEASE);
    clock.advance(LEASE.minusSeconds(1));
    store.renew("run-1", "alpha", LEASE);
    clock.advance(Duration.ofSeconds(2));

    assertThatThrownBy(() -> store.claim("run-1", "beta", LEASE))
        .isInstanceOf(RunHeldException.class);
    assertThat(store.claimAbandoned("beta", 10, LEASE)).isEmpty();
  }

  @Test
  void anOwnerWhoseRunWasClaimedCanNoLongerWriteOrRenew() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "alpha", LEASE);
    clock.advance(LEASE.plusMillis(1));
    store.claim("run-1", "beta", LEASE);

    assertThatThrownBy(
            () -> store.append("run-1", "alpha", new RunStep.Turn(1, Messages.answer("late"))))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("no longer held by alpha");
    assertThatThrownBy(() -> store.renew("run-1", "alpha", LEASE))
        .isInstanceOf(LeaseLostException.class);
    assertThat(store.steps("run-1")).hasSize(1);
    store.append("run-1", "beta", new RunStep.Turn(1, Messages.answer("on time")));
    assertThat(store.steps("run-1")).hasSize(2);
  }

  @Test
  void claimingAbandonedRunsTakesExpiredAndOwnerlessOnesOnly() {
    store.create("expired", null, 0, List.of(MessageParam.user("a")), "dead", Duration.ofSeconds(5));
    store.create("live", null, 0, List.of(MessageParam.user("b")), "alive", Duration.ofMinutes(5));
    store.create("done", null, 0, List.of(MessageParam.user("c")), "dead", Duration.ofSeconds(5));
    store.append("done", "dead", new RunStep.Ended(RunStatus.DONE, List.of(), null));
    clock.advance(Duration.ofSeconds(6));

    assertThat(store.claimAbandoned("rescuer", 10, LEASE)).containsExactly("expired");
    assertThat(store.claimAbandoned("rescuer", 10, LEASE)).isEmpty();
    assertThat(store.find("expired").orElseThrow().owner()).isEqualTo("rescuer");
  }

  @Test
  void anEndedRunCannotBeClaimed() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "alpha", LEASE);
    store.append("run-1", "alpha", new RunStep.Ended(RunStatus.FAILED, List.of(), "API down"));

    assertThatThrownBy(() -> store.claim("run-1", "alpha", LEASE))
        .isInstanceOf(RunHeldException.class)
        .hasMessageContaining("has ended (FAILED)");
    assertThat(store.find("run-1").orElseThrow().error()).isEqualTo("API down");
  }

  @Test
  void aRunWaitingForDecisionsBecomesClaimableWhenTheLastIsRecorded() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Book both")), "alpha", LEASE);
    store.append("run-1", "alpha", new RunStep.Turn(1, Messages.callingTools("book", "mail")));
    store.append(
        "run-1",
        "alpha",
        new RunStep.Ended(RunStatus.WAITING_FOR_APPROVAL, List.of("toolu_book", "toolu_mail"), null));
    assertThatThrownBy(() -> store.claim("run-1", "beta", LEASE))
        .isInstanceOf(RunHeldException.class)
        .hasMessageContaining("waits for decisions");

    RunRecord afterOne = store.decide("run-1", "toolu_book", RunState.Approval.granted());
    assertThat(afterOne.status()).isEqualTo(RunStatus.WAITING_FOR_APPROVAL);
    assertThat(afterOne.awaitingApproval()).containsExactly("toolu_mail");
    assertThat(store.claimAbandoned("beta", 10, LEASE)).isEmpty();

    RunRecord afterBoth = store.decide("run-1", "toolu_mail", RunState.Approval.denied("no mail today"));
    assertThat(afterBoth.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(afterBoth.owner()).isNull();
    assertThat(store.claimAbandoned("beta", 10, LEASE)).containsExactly("run-1");
    assertThat(store.state("run-1").approvals())
        .isEqualTo(
            Map.of(
                "toolu_book", RunState.Approval.granted(),
                "toolu_mail", RunState.Approval.denied("no mail today")));
  }

  @Test
  void aDecisionOnACallTheRunDoesNotWaitForIsRefused() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Book")), "alpha", LEASE);
    store.append("run-1", "alpha", new RunStep.Turn(1, Messages.callingTools("book")));
    store.append(
        "run-1", "alpha", new RunStep.Ended(RunStatus.WAITING_FOR_APPROVAL, List.of("toolu_book"), null));
    store.decide("run-1", "toolu_book", RunState.Approval.granted());

    assertThatThrownBy(() -> store.decide("run-1", "toolu_book", RunState.Approval.granted()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not wait for a decision on call toolu_book");
    assertThatThrownBy(() -> store.decide("run-1", "toolu_other", RunState.Approval.granted()))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void aFinishedRunsMessagesJoinItsConversationAndTheNextRunStartsFromThem() {
    store.create("run-1", "conv", 0, List.of(MessageParam.user("Hi, I am Ada")), "me", LEASE);
    store.append("run-1", "me", new RunStep.Turn(1, Messages.answer("Hello Ada")));
    assertThat(store.conversation("conv")).as("not before the run is done").isEmpty();
    store.append("run-1", "me", new RunStep.Ended(RunStatus.DONE, List.of(), null));
    assertThat(store.conversation("conv"))
        .containsExactly(MessageParam.user("Hi, I am Ada"), Messages.answer("Hello Ada").toParam());

    store.create("run-2", "conv", 0, List.of(MessageParam.user("Who am I?")), "me", LEASE);
    assertThat(store.state("run-2").history()).hasSize(3).last().isEqualTo(MessageParam.user("Who am I?"));
    store.append("run-2", "me", new RunStep.Turn(1, Messages.answer("Ada")));
    store.append("run-2", "me", new RunStep.Ended(RunStatus.DONE, List.of(), null));
    assertThat(store.conversation("conv")).hasSize(4);

    store.create("run-3", "conv", 2, List.of(MessageParam.user("Again?")), "me", LEASE);
    assertThat(store.state("run-3").history())
        .containsExactly(
            MessageParam.user("Who am I?"), Messages.answer("Ada").toParam(), MessageParam.user("Again?"));
  }

  @Test
  void aFailedRunAddsNothingToItsConversation() {
    store.create("run-1", "conv", 0, List.of(MessageParam.user("Hi")), "me", LEASE);
    store.append("run-1", "me", new RunStep.Ended(RunStatus.FAILED, List.of(), "boom"));

    assertThat(store.conversation("conv")).isEmpty();
  }

  @Test
  void aRunIdCanBeUsedOnce() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "me", LEASE);

    assertThatThrownBy(() -> store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "me", LEASE))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("a run with id run-1 exists already");
  }

  @Test
  void anUnknownRunIsReportedByItsId() {
    assertThat(store.find("nope")).isEmpty();
    assertThatThrownBy(() -> store.state("nope"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("there is no run nope");
    assertThatThrownBy(() -> store.claim("nope", "me", LEASE)).hasMessageContaining("no run nope");
  }

  @Test
  void runsAreListedByStatus() {
    store.create("a", null, 0, List.of(MessageParam.user("a")), "me", LEASE);
    store.create("b", null, 0, List.of(MessageParam.user("b")), "me", LEASE);
    store.append("b", "me", new RunStep.Ended(RunStatus.CANCELLED, List.of(), "cancelled"));

    assertThat(store.list(RunStatus.RUNNING, 10)).extracting(RunRecord::runId).containsExactly("a");
    assertThat(store.list(RunStatus.CANCELLED, 10)).extracting(RunRecord::runId).containsExactly("b");
  }

  @Test
  void buildingTheStoreAgainAppliesNoMigrationTwice() throws SQLException {
    store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "me", LEASE);
    try (JdbcRunStore again = database().build()) {
      assertThat(again.find("run-1")).isPresent();
    }
    assertThat(schemaVersions()).containsExactly(1, 2);
  }

  @Test
  void storesStartingAtOnceMigrateOnce() throws Exception {
    String fresh = prefix() + "x_";
    int instances = 4;
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(instances);
    List<java.util.concurrent.Future<?>> starts = new ArrayList<>();
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(instances);
    try {
      for (int i = 0; i < instances; i++) {
        starts.add(
            threads.submit(
                () -> {
                  barrier.await();
                  database().tablePrefix(fresh).build().close();
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> start : starts) {
        start.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + fresh + "schema_version")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(Migrations.latest());
    }
  }

  @Test
  void twoInstancesRacingForAHundredDroppedRunsClaimEachOnce() throws Exception {
    for (int i = 0; i < 100; i++) {
      store.create("dropped-" + i, null, 0, List.of(MessageParam.user("job " + i)), "dead", LEASE);
    }
    clock.advance(LEASE.plusSeconds(1));
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<List<String>>> claimers = new ArrayList<>();
    try {
      for (String instance : List.of("east", "west")) {
        claimers.add(
            threads.submit(
                () -> {
                  // Each instance has its own store and connections, as on two machines.
                  try (JdbcRunStore own = database().build()) {
                    List<String> claimed = new ArrayList<>();
                    barrier.await();
                    for (List<String> batch = own.claimAbandoned(instance, 7, LEASE);
                        !batch.isEmpty();
                        batch = own.claimAbandoned(instance, 7, LEASE)) {
                      claimed.addAll(batch);
                    }
                    return claimed;
                  }
                }));
      }
      List<String> east = claimers.get(0).get(120, java.util.concurrent.TimeUnit.SECONDS);
      List<String> west = claimers.get(1).get(120, java.util.concurrent.TimeUnit.SECONDS);

      // One instance may claim all of them (H2 serializes the claims): west may be empty.
      assertThat(east).doesNotHaveDuplicates().filteredOn(west::contains).as("claimed by both").isEmpty();
      List<String> all = new ArrayList<>(east);
      all.addAll(west);
      assertThat(all).hasSize(100).doesNotHaveDuplicates();
      for (RunRecord run : store.list(RunStatus.RUNNING, 200)) {
        assertThat(run.claims()).as(run.runId()).isEqualTo(1);
        assertThat(run.owner()).isEqualTo(east.contains(run.runId()) ? "east" : "west");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aConversationsNextRunIsRefusedUntilItsRunHasEndedAndNothingOfItIsStored() {
    store.create("run-1", "conv", 0, List.of(MessageParam.user("Hi")), "me", LEASE);

    assertThatThrownBy(
            () -> store.create("run-2", "conv", 0, List.of(MessageParam.user("Hello?")), "you", LEASE))
        .isInstanceOfSatisfying(
            ConversationBusyException.class,
            busy -> {
              assertThat(busy.conversationId()).isEqualTo("conv");
              assertThat(busy.run().runId()).isEqualTo("run-1");
              assertThat(busy.run().owner()).isEqualTo("me");
            })
        .hasMessage(
            "conversation conv has a run that has not ended (run-1, RUNNING): start the next run"
                + " once that one has ended");
    assertThat(store.find("run-2")).isEmpty();
    assertThat(store.openRun("conv")).map(RunRecord::runId).hasValue("run-1");
    store.create("run-3", "other", 0, List.of(MessageParam.user("Hi")), "me", LEASE);
    store.create("run-4", null, 0, List.of(MessageParam.user("Hi")), "me", LEASE);

    store.append("run-1", "me", new RunStep.Ended(RunStatus.DONE, List.of(), null));
    assertThat(store.openRun("conv")).isEmpty();
    store.create("run-2", "conv", 0, List.of(MessageParam.user("Hello?")), "you", LEASE);
    assertThat(store.find("run-2").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store.openRun("conv")).map(RunRecord::runId).hasValue("run-2");
  }

  @Test
  void aWaitingRunKeepsItsConversationBusyAndAFailedOrCancelledOneFreesIt() {
    store.create("run-1", "conv", 0, List.of(MessageParam.user("Book")), "me", LEASE);
    store.append(
        "run-1", "me", new RunStep.Ended(RunStatus.WAITING_FOR_APPROVAL, List.of("toolu_book"), null));
    assertThatThrownBy(() -> store.create("run-2", "conv", 0, List.of(MessageParam.user("?")), "me", LEASE))
        .isInstanceOf(ConversationBusyException.class)
        .hasMessageContaining("(run-1, waiting for approval of [toolu_book])");

    store.create("run-3", "failing", 0, List.of(MessageParam.user("Hi")), "me", LEASE);
    store.append("run-3", "me", new RunStep.Ended(RunStatus.FAILED, List.of(), "boom"));
    store.create("run-4", "failing", 0, List.of(MessageParam.user("Again")), "me", LEASE);
    store.append("run-4", "me", new RunStep.Ended(RunStatus.CANCELLED, List.of(), "cancelled"));
    store.create("run-5", "failing", 0, List.of(MessageParam.user("Once more")), "me", LEASE);

    assertThat(store.find("run-5")).isPresent();
  }

  @Test
  void aRefusalBecauseOfARunNoInstanceHoldsSaysToResumeIt() {
    store.create("run-1", "conv", 0, List.of(MessageParam.user("Book")), "me", LEASE);
    store.append(
        "run-1",
        "me",
        new RunStep.Ended(RunStatus.WAITING_FOR_APPROVAL, List.of("toolu_book"), null));
    // Decided: the run can go on, but nothing runs it until an instance resumes it.
    store.decide("run-1", "toolu_book", RunState.Approval.granted());

    assertThatThrownBy(
            () -> store.create("run-2", "conv", 0, List.of(MessageParam.user("?")), "me", LEASE))
        .isInstanceOf(ConversationBusyException.class)
        .hasMessage(
            "conversation conv has a run that has not ended (run-1, RUNNING, held by no instance):"
                + " resume it (DurableAgent.resume, or the recovery of any instance) and start the"
                + " next run once it has ended");
  }

  @Test
  void instancesStartingRunsOfOneConversationAtOnceStartOne() throws Exception {
    int instances = 4;
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(instances);
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(instances);
    List<java.util.concurrent.Future<String>> starts = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        String runId = "run-" + i;
        starts.add(
            threads.submit(
                () -> {
                  try (JdbcRunStore own = database().build()) {
                    barrier.await();
                    own.create(runId, "conv", 0, List.of(MessageParam.user("Hi")), runId, LEASE);
                    return "started";
                  } catch (ConversationBusyException busy) {
                    return "refused for " + busy.run().runId();
                  }
                }));
      }
      List<String> outcomes = new ArrayList<>();
      for (java.util.concurrent.Future<String> start : starts) {
        outcomes.add(start.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }

      String started = store.list(RunStatus.RUNNING, 10).get(0).runId();
      assertThat(store.list(RunStatus.RUNNING, 10)).hasSize(1);
      assertThat(outcomes)
          .containsOnly("started", "refused for " + started)
          .filteredOn("started"::equals)
          .hasSize(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void upgradingADatabaseWhoseConversationHasTwoUnfinishedRunsKeepsTheNewerOneOpen()
      throws SQLException {
    // Two unfinished runs of one conversation, as a store before version 2 allowed.
    store.create("run-a", "conv", 0, List.of(MessageParam.user("Hi")), "me", LEASE);
    execute("UPDATE " + prefix() + "runs SET open_conversation = NULL");
    store.create("run-b", "conv", 0, List.of(MessageParam.user("Hello?")), "me", LEASE);
    execute("UPDATE " + prefix() + "runs SET open_conversation = NULL");
    execute("DROP INDEX " + prefix() + "runs_open_conversation");
    execute("DELETE FROM " + prefix() + "schema_version WHERE version = 2");

    try (JdbcRunStore upgraded = database().build()) {
      assertThat(schemaVersions()).containsExactly(1, 2);
      assertThatThrownBy(
              () -> upgraded.create("run-c", "conv", 0, List.of(MessageParam.user("?")), "me", LEASE))
          .isInstanceOfSatisfying(
              ConversationBusyException.class,
              busy -> assertThat(busy.run().runId()).isEqualTo("run-b"));
    }
  }

  @Test
  void upgradingKeepsTheLaterStartedRunOpenWhateverTheRunIdsSort() throws SQLException {
    // Run ids are random (run_<uuid>): the later run may well sort first.
    store.create("run-z", "conv", 0, List.of(MessageParam.user("Hi")), "me", LEASE);
    execute("UPDATE " + prefix() + "runs SET open_conversation = NULL");
    clock.advance(Duration.ofSeconds(1));
    store.create("run-a", "conv", 0, List.of(MessageParam.user("Hello?")), "me", LEASE);
    execute("UPDATE " + prefix() + "runs SET open_conversation = NULL");
    execute("DROP INDEX " + prefix() + "runs_open_conversation");
    execute("DELETE FROM " + prefix() + "schema_version WHERE version = 2");

    try (JdbcRunStore upgraded = database().build()) {
      assertThat(upgraded.openRun("conv")).map(RunRecord::runId).contains("run-a");
    }
  }

  @Test
  void aRunStoredAsTheConversationsRunEndsStartsAfterThatRunsMessages() {
    // run-1 ends, and its messages join the conversation, after run-2's create has read the
    // conversation and before it inserts run-2, which the index then lets in.
    String insertRun = "INSERT INTO " + prefix() + "runs ";
    storeRun2AsRun1Ends(
        (method, args) ->
            method.equals("prepareStatement") && ((String) args[0]).startsWith(insertRun));

    assertThat(store.state("run-2").history())
        .extracting(message -> ((ContentBlock.Text) message.content().get(0)).text())
        .containsExactly("I am Ada", "Hello Ada.", "Who am I?");
  }

  @Test
  void aRunRefusedForARunThatHasEndedSinceIsStoredAfterThatRunsMessages() {
    // The index refuses run-2, as run-1 holds the conversation; run-1 ends before run-2's store
    // reads which run stands in the way, so none does.
    storeRun2AsRun1Ends(
        (method, args) -> method.equals("rollback") && args != null && args.length == 1);

    assertThat(store.openRun("conv")).map(RunRecord::runId).contains("run-2");
    assertThat(store.state("run-2").history())
        .extracting(message -> ((ContentBlock.Text) message.content().get(0)).text())
        .containsExactly("I am Ada", "Hello Ada.", "Who am I?");
  }

  /**
   * Stores run-1 of "conv" (a question and its answer), then run-2 of it through another store
   * whose connections end run-1 just before the first call of theirs that {@code when} picks.
   */
  private void storeRun2AsRun1Ends(BiPredicate<String, Object[]> when) {
    store.create("run-1", "conv", 0, List.of(MessageParam.user("I am Ada")), "me", LEASE);
    store.append("run-1", "me", new RunStep.Turn(1, Messages.answer("Hello Ada.")));
    DataSource racing =
        onceAConnection(
            when,
            () -> store.append("run-1", "me", new RunStep.Ended(RunStatus.DONE, List.of(), null)));
    try (JdbcRunStore other = database().dataSource(racing).build()) {
      other.create("run-2", "conv", 0, List.of(MessageParam.user("Who am I?")), "you", LEASE);
    }
  }

  /**
   * Returns a data source on this test's database whose connections run {@code meanwhile} once,
   * just before the first call of a method of theirs that {@code when} picks by name and
   * arguments.
   */
  private DataSource onceAConnection(BiPredicate<String, Object[]> when, Runnable meanwhile) {
    AtomicBoolean ran = new AtomicBoolean();
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (source, opening, none) -> {
              if (!opening.getName().equals("getConnection")) {
                throw new UnsupportedOperationException(opening.getName());
              }
              Connection connection = connect();
              return Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) -> {
                    if (when.test(method.getName(), args) && ran.compareAndSet(false, true)) {
                      meanwhile.run();
                    }
                    try {
                      return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
            });
  }

  @Test
  void aConversationRunCannotStartPastTheConversationsEnd() {
    assertThatThrownBy(
            () -> store.create("run-1", "conv", 1, List.of(MessageParam.user("Hi")), "me", LEASE))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("conversation conv has 0 messages");
  }

  private void execute(String statementText) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(statementText);
    }
  }

  private List<Integer> schemaVersions() throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version FROM " + prefix() + "schema_version ORDER BY version")) {
      while (rows.next()) {
        versions.add(rows.getInt(1));
      }
    }
    return versions;
  }

  /** Returns every step row of a run, as text, in seq order. */
  private List<String> stepRows(String runId) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT seq, kind, tool_use_id, payload FROM " + prefix()
                    + "run_steps WHERE run_id = '" + runId + "' ORDER BY seq")) {
      while (result.next()) {
        rows.add(result.getInt(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|"
            + result.getString(4));
      }
    }
    return rows;
  }

  static MessageParam user(String text) {
    return new MessageParam(Role.USER, List.of(dev.toolstream.messages.ContentBlock.text(text)));
  }
}
