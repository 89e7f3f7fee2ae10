/**
 * The Messages API client: {@link dev.toolstream.client.MessagesClient}, with its retries,
 * timeouts and stream limits. What it throws is in {@code dev.toolstream.errors}.
 */
@NullMarked
package dev.toolstream.client;

import org.jspecify.annotations.NullMarked;
