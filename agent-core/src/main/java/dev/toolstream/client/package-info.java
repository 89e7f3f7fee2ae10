/**
 * The Messages API client: {@link dev.toolstream.client.MessagesClient}, its retries and timeouts,
 * and the exception family rooted in {@link dev.toolstream.client.ToolstreamException}.
 */
@NullMarked
package dev.toolstream.client;

import org.jspecify.annotations.NullMarked;
