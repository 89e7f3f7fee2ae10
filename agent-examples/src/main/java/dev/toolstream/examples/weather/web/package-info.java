/**
 * The weather agent's web front: {@link dev.toolstream.examples.weather.web.WeatherServer} serves
 * a chat page and streams each run to it as Server-Sent Events with JSON data ({@code text},
 * {@code tool_input}, {@code tool_call}, {@code tool_result}, {@code turn}, then {@code done} or
 * {@code error}).
 *
 * <p>Every type is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.toolstream.examples.weather.web;

import org.jspecify.annotations.NullMarked;
