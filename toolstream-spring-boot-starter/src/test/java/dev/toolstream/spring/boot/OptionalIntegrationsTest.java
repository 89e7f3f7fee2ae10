package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.otel.AgentTelemetry;
import dev.toolstream.spring.boot.vendor.VendorOpenTelemetryAutoConfiguration;
import dev.toolstream.testkit.Turn;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.Flux;

/** Each integration switches on only when its classes (and beans) are there. */
class OptionalIntegrationsTest {
  static final Claude claude = new Claude();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurationTest.ALL)
          .withPropertyValues(
              "toolstream.base-url=" + claude.server.baseUrl(),
              "toolstream.api-key=" + Claude.API_KEY,
              "toolstream.max-retries=0");

  @AfterAll
  static void stop() {
    claude.close();
  }

  @Test
  void theMvcHelperIsABeanInAServletApplicationOnly() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurationTest.ALL)
        .withPropertyValues("toolstream.api-key=" + Claude.API_KEY)
        .run(context -> assertThat(context).hasSingleBean(AgentSse.class));
    runner.run(context -> assertThat(context).doesNotHaveBean(AgentSse.class));
  }

  @Test
  void withoutSpringMvcThereIsNoMvcHelperAndTheRestStarts() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurationTest.ALL)
        .withClassLoader(new FilteredClassLoader(SseEmitter.class))
        .withPropertyValues("toolstream.api-key=" + Claude.API_KEY)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(AgentSse.class);
              assertThat(context).hasSingleBean(Agent.class);
            });
  }

  @Test
  void theFluxHelperNeedsReactor() {
    runner.run(context -> assertThat(context).hasSingleBean(AgentSseFlux.class));
    runner
        .withClassLoader(new FilteredClassLoader(Flux.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(AgentSseFlux.class);
            });
  }

  @Test
  void theHealthIndicatorNeedsSpringBootHealthAndCanBeTurnedOff() {
    runner.run(context -> assertThat(context).hasBean("toolstreamHealthIndicator"));
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("toolstreamHealthIndicator");
            });
    runner
        .withPropertyValues("management.health.toolstream.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("toolstreamHealthIndicator"));
  }

  @Test
  void withAnOpenTelemetryBeanEveryRunIsTraced() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .build();
    try (sdk) {
      runner
          .withBean(OpenTelemetry.class, () -> sdk)
          .run(
              context -> {
                assertThat(context).getBean(AgentObserver.class).isInstanceOf(AgentTelemetry.class);
                claude.enqueue(Turn.text("Hi."));
                context.getBean(Agent.class).run("Hello");
                claude.takeRequest();

                assertThat(spans.getFinishedSpanItems())
                    .extracting(SpanData::getName)
                    .contains("invoke_agent", "chat claude-sonnet-4-6");
              });
    }
  }

  @Test
  void eachNamedAgentsRunsCarryItsName() {
    runner
        .withConfiguration(AutoConfigurations.of(VendorOpenTelemetryAutoConfiguration.class))
        .withPropertyValues("toolstream.agents.support.model=claude-haiku-4-5")
        .run(
            context -> {
              claude.enqueue(Turn.text("Hi."), Turn.text("Hi."));
              context.getBean(Agent.class).run("Hello");
              context.getBean(Agents.class).agent("support").run("Hello");
              claude.takeRequest();
              claude.takeRequest();

              assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems())
                  .filteredOn(span -> span.getName().startsWith("invoke_agent"))
                  .extracting(
                      SpanData::getName,
                      span -> span.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name")))
                  .containsExactly(
                      tuple("invoke_agent", null), tuple("invoke_agent support", "support"));
            });
  }

  @Test
  void anOpenTelemetryBeanFromAnAutoConfigurationThatSortsAfterOursIsUsedToo() {
    runner
        .withConfiguration(AutoConfigurations.of(VendorOpenTelemetryAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).getBean(AgentObserver.class).isInstanceOf(AgentTelemetry.class);
              claude.enqueue(Turn.text("Hi."));
              context.getBean(Agent.class).run("Hello");
              claude.takeRequest();

              assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems())
                  .extracting(SpanData::getName)
                  .contains("invoke_agent");
            });
  }

  @Test
  void withoutAgentOtelThereIsNoTelemetryEvenWithAnOpenTelemetryBean() {
    runner
        .withBean(OpenTelemetry.class, OpenTelemetry::noop)
        .withClassLoader(new FilteredClassLoader(AgentTelemetry.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(AgentObserver.class);
            });
  }
}
