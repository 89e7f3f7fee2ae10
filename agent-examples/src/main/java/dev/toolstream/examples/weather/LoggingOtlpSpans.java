package dev.toolstream.examples.weather;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The {@code logging-otlp} span exporter of the SDK's autoconfiguration: each batch of spans as one
 * line of OTLP JSON (an {@code ExportTraceServiceRequest}) on stderr, as {@code
 * opentelemetry-exporter-logging-otlp} prints it. That artifact is missing from the registry this
 * project builds from; this writes the same JSON with the OTLP exporters' own marshaler. Found by
 * the service loader.
 */
public final class LoggingOtlpSpans implements ConfigurableSpanExporterProvider {
  /** Called by the service loader. */
  public LoggingOtlpSpans() {}

  @Override
  public String getName() {
    return "logging-otlp";
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new Exporter(System.err);
  }

  private static final class Exporter implements SpanExporter {
    private final PrintStream out;

    Exporter(PrintStream out) {
      this.out = out;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      try {
        TraceRequestMarshaler.create(spans).writeJsonTo(json);
      } catch (IOException e) {
        return CompletableResultCode.ofExceptionalFailure(e);
      }
      synchronized (out) {
        out.println(json.toString(StandardCharsets.UTF_8));
        out.flush();
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
