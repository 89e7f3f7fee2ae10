package dev.toolstream.spring.boot.vendor;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An OpenTelemetry bean made by an auto-configuration of its own, as the OpenTelemetry Spring Boot
 * starter ({@code io.opentelemetry.instrumentation.spring.autoconfigure}) or a vendor's makes it.
 * Its package sorts after the starter's, as theirs do: nothing orders it before Toolstream's.
 */
@AutoConfiguration
public class VendorOpenTelemetryAutoConfiguration {
  /** The spans the SDK below exported. */
  @Bean
  public InMemorySpanExporter vendorSpans() {
    return InMemorySpanExporter.create();
  }

  /** The SDK, closed with the context. */
  @Bean
  public OpenTelemetry vendorOpenTelemetry(InMemorySpanExporter vendorSpans) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(vendorSpans))
                .build())
        .build();
  }
}
