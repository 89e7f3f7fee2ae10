package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.Tool;
import dev.toolstream.spring.boot.internal.HealthAutoConfiguration;
import dev.toolstream.spring.boot.internal.SanitizingAutoConfiguration;
import dev.toolstream.spring.boot.internal.SseAutoConfiguration;
import dev.toolstream.spring.boot.internal.TelemetryAutoConfiguration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration against a scripted Claude: properties reach the wire, beans back off for
 * the application's own, customizers apply, named agents get the tools they name.
 */
class AutoConfigurationTest {
  static final Claude claude = new Claude();

  static final AutoConfigurations ALL =
      AutoConfigurations.of(
          ToolstreamAutoConfiguration.class,
          SseAutoConfiguration.class,
          TelemetryAutoConfiguration.class,
          HealthAutoConfiguration.class,
          SanitizingAutoConfiguration.class);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(ALL)
          .withPropertyValues(
              "toolstream.base-url=" + claude.server.baseUrl(),
              "toolstream.api-key=" + Claude.API_KEY,
              "toolstream.max-retries=0");

  @AfterAll
  static void stop() {
    claude.close();
  }

  public static class KitchenTools {
    @Tool(description = "Tells the time in a city.")
    public String time(String city) {
      return "noon in " + city;
    }
  }

  public static class SupportTools {
    @Tool(description = "Opens a support ticket.")
    public String ticket(String issue) {
      return "ticket for " + issue;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ToolConfig {
    @Bean
    KitchenTools kitchenTools() {
      return new KitchenTools();
    }

    @Bean
    SupportTools supportTools() {
      return new SupportTools();
    }
  }

  @Test
  void propertiesReachTheWire() {
    runner
        .withPropertyValues(
            "toolstream.betas=beta-one-2025-01-01",
            "toolstream.agent.model=claude-haiku-4-5",
            "toolstream.agent.max-tokens=512",
            "toolstream.agent.system=Be brief.",
            "toolstream.agent.prompt-caching=false")
        .run(
            context -> {
              claude.enqueue(Turn.text("Hi."));
              context.getBean(Agent.class).run("Hello");

              RecordedRequest request = claude.takeRequest();
              assertThat(request.header("x-api-key")).isEqualTo(Claude.API_KEY);
              assertThat(request.header("anthropic-beta")).contains("beta-one-2025-01-01");
              assertThat(request.body().path("model").asString()).isEqualTo("claude-haiku-4-5");
              assertThat(request.body().path("max_tokens").asInt()).isEqualTo(512);
              assertThat(request.body().path("system").asString()).isEqualTo("Be brief.");
              assertThat(request.body().has("cache_control")).isFalse();
            });
  }

  @Test
  void theKeyDefaultsToAnthropicApiKey() {
    new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "toolstream.base-url=" + claude.server.baseUrl(), "ANTHROPIC_API_KEY=  sk-from-env ")
        .run(
            context -> {
              claude.enqueue(Turn.text("Hi."));
              context.getBean(Agent.class).run("Hello");

              assertThat(claude.takeRequest().header("x-api-key")).isEqualTo("sk-from-env");
            });
  }

  @Test
  void anEmptyModelPropertyFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues("toolstream.agent.model=")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "IllegalArgumentException: toolstream.agent.model: model is blank: name"
                            + " one, such as \"claude-sonnet-4-6\""));
  }

  @Test
  void withoutCredentialsTheApplicationFailsSayingWhereToSetThem() {
    new ApplicationContextRunner()
        .withConfiguration(ALL)
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no credentials"));
    new ApplicationContextRunner()
        .withConfiguration(ALL)
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "set toolstream.api-key or the ANTHROPIC_API_KEY environment variable"));
  }

  @Test
  void theApplicationsOwnClientAndAgentReplaceTheAutoConfiguredOnes() {
    MessagesClient mine = MessagesClient.builder().apiKey("mine").build();
    Agent myAgent = Agent.builder().client(mine).model("claude-opus-4-6").build();
    runner
        .withBean("myClient", MessagesClient.class, () -> mine)
        .withBean("myAgent", Agent.class, () -> myAgent)
        .run(
            context -> {
              assertThat(context).getBeans(MessagesClient.class).containsOnlyKeys("myClient");
              assertThat(context).getBeans(Agent.class).containsOnlyKeys("myAgent");
              assertThat(context.getBean(Agents.class).agent(Agents.DEFAULT)).isSameAs(myAgent);
            });
  }

  @Test
  void theApplicationsOwnHelpersReplaceTheAutoConfiguredOnes() {
    AgentSseFlux mine = new AgentSseFlux();
    runner
        .withBean("myFlux", AgentSseFlux.class, () -> mine)
        .run(context -> assertThat(context).getBean(AgentSseFlux.class).isSameAs(mine));
  }

  @Test
  void customizersAdjustTheClientAndEveryAgentByName() {
    runner
        .withPropertyValues("toolstream.agents.support.model=claude-haiku-4-5")
        .withBean(
            MessagesClientCustomizer.class,
            () -> client -> client.addBeta("customized-beta-2025-01-01"))
        .withBean(
            AgentCustomizer.class,
            () -> (name, agent) -> agent.system("You are the " + name + " agent."))
        .run(
            context -> {
              claude.enqueue(Turn.text("Hi."), Turn.text("Hi."));
              context.getBean(Agent.class).run("Hello");
              context.getBean(Agents.class).agent("support").run("Hello");

              RecordedRequest first = claude.takeRequest();
              RecordedRequest second = claude.takeRequest();
              assertThat(first.header("anthropic-beta")).contains("customized-beta-2025-01-01");
              assertThat(first.body().path("system").asString())
                  .isEqualTo("You are the default agent.");
              assertThat(second.body().path("system").asString())
                  .isEqualTo("You are the support agent.");
              assertThat(second.body().path("model").asString()).isEqualTo("claude-haiku-4-5");
            });
  }

  @Test
  void everyAgentOffersEveryToolBeanUnlessItNamesSome() {
    runner
        .withUserConfiguration(ToolConfig.class)
        .withPropertyValues("toolstream.agents.support.tool-beans=supportTools")
        .run(
            context -> {
              assertThat(context.getBean(ToolBeans.class).beanNames())
                  .containsExactly("kitchenTools", "supportTools");
              assertThat(names(context.getBean(Agent.class))).containsExactly("time", "ticket");
              assertThat(names(context.getBean(Agents.class).agent("support")))
                  .containsExactly("ticket");
              assertThat(context.getBean(Agents.class).names()).containsExactly("default", "support");
            });
  }

  @Test
  void aToolBeanNameThatIsNoToolBeanFailsNamingTheProperty() {
    runner
        .withUserConfiguration(ToolConfig.class)
        .withPropertyValues("toolstream.agents.support.tool-beans=supportTool")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "toolstream.agents.support.tool-beans: \"supportTool\" is not a bean with"
                            + " @Tool methods; the beans with tools are [kitchenTools,"
                            + " supportTools]"));
  }

  @Test
  void aNamedAgentCalledDefaultIsRefused() {
    runner
        .withPropertyValues("toolstream.agents.default.model=claude-haiku-4-5")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("toolstream.agents.default"));
  }

  @Test
  void theToolExecutorBeanRunsTheToolCalls() {
    AtomicInteger executed = new AtomicInteger();
    Executor counting =
        task -> {
          executed.incrementAndGet();
          new Thread(task).start();
        };
    runner
        .withUserConfiguration(ToolConfig.class)
        .withBean("toolstreamToolExecutor", Executor.class, () -> counting)
        .run(
            context -> {
              claude.enqueue(Claude.toolCall("time", "{\"city\":\"Oslo\"}"), Turn.text("Noon."));
              context.getBean(Agent.class).run("Time in Oslo?");
              claude.takeRequest();
              claude.takeRequest();

              assertThat(executed).hasValue(1);
            });
  }

  @Test
  void withoutAnOpenTelemetryBeanTheAgentsHaveNoObserver() {
    runner.run(context -> assertThat(context).doesNotHaveBean(AgentObserver.class));
  }

  private static List<String> names(Agent agent) {
    return agent.tools().stream().map(dev.toolstream.agent.ToolSpec::name).toList();
  }
}
