/**
 * The exception family, rooted in the unchecked {@link dev.toolstream.errors.ToolstreamException}:
 * {@link dev.toolstream.errors.ApiException} for an error status (with a subclass only for the
 * statuses a caller acts on differently: 401, 429 and 529), the transport failures, and the
 * {@link dev.toolstream.errors.StreamException}s that carry the message received before a stream
 * failed. The agent's own failures are in {@code dev.toolstream.agent}.
 */
@NullMarked
package dev.toolstream.errors;

import org.jspecify.annotations.NullMarked;
