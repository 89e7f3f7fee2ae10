/** The agent loop's machinery: one run's loop, its cancel switch and its tool invocations. */
@NullMarked
package dev.toolstream.internal.agent;

import org.jspecify.annotations.NullMarked;
