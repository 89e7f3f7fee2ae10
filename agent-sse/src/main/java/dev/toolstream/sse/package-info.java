/**
 * An agent run as Server-Sent Events for a browser: {@link dev.toolstream.sse.RunEventListener}
 * turns what a run reports into {@link dev.toolstream.sse.RunEvent}s as it happens, and {@link
 * dev.toolstream.sse.RunEvents} makes each event of the format, the terminal {@code done} or
 * {@code error} included. One format, written by the weather relay and the Spring Boot starter
 * alike, so that one page reads either.
 */
@NullMarked
package dev.toolstream.sse;

import org.jspecify.annotations.NullMarked;
