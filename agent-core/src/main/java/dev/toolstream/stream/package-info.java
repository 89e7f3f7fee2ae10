/**
 * Streaming: typed {@link dev.toolstream.stream.StreamEvent}s, the {@link
 * dev.toolstream.stream.MessageStream} that reads them and the accumulator that builds the final
 * message.
 */
@NullMarked
package dev.toolstream.stream;

import org.jspecify.annotations.NullMarked;
