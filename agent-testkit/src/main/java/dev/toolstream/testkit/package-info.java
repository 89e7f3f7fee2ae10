/**
 * A scripted Claude on loopback for tests and offline demos: {@link
 * dev.toolstream.testkit.ScriptedClaude} answers {@code POST /v1/messages} with the exact bytes of
 * the Messages API, replaying the {@link dev.toolstream.testkit.Turn}s, {@link
 * dev.toolstream.testkit.ErrorReply}s and {@link dev.toolstream.testkit.RawReply}s of a {@link
 * dev.toolstream.testkit.Script}, and records every request it receives.
 *
 * <p>Every type is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.toolstream.testkit;

import org.jspecify.annotations.NullMarked;
