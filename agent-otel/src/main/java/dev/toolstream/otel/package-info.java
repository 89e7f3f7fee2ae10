/**
 * OpenTelemetry for Toolstream agents: {@link dev.toolstream.otel.AgentTelemetry} traces each run,
 * model call and tool call, and records token and duration metrics, to the OpenTelemetry GenAI
 * semantic conventions.
 */
@NullMarked
package dev.toolstream.otel;

import org.jspecify.annotations.NullMarked;
