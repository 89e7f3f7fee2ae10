/**
 * Immutable values of the Messages API: requests, responses, content blocks, tools and usage.
 *
 * <p>Java names are Java ({@code toolUseId}); the JSON on the wire keeps the API's names ({@code
 * tool_use_id}). Every type is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.toolstream.messages;

import org.jspecify.annotations.NullMarked;
