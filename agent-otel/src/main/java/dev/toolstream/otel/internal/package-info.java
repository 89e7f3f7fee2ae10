/** The spans, attributes and metrics behind {@link dev.toolstream.otel.AgentTelemetry}. */
@NullMarked
package dev.toolstream.otel.internal;

import org.jspecify.annotations.NullMarked;
