package dev.toolstream.testkit;

/**
 * One answer of the scripted Claude to one {@code POST /v1/messages}: a {@link Turn} (the
 * assistant's message, streamed or whole as the request asks), an {@link ErrorReply} (an HTTP error
 * with the API's error JSON) or a {@link RawReply} (any bytes, for malformed cases).
 *
 * <p>Replies are immutable and may be served any number of times.
 */
public sealed interface Reply permits Turn, ErrorReply, RawReply {}
