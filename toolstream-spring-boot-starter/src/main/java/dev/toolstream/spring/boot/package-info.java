/**
 * Toolstream in a Spring Boot application: {@link dev.toolstream.spring.boot.ToolstreamProperties}
 * configures a {@code MessagesClient} and agents from {@code toolstream.*}; the {@code @Tool}
 * methods of beans become the agents' tools ({@link dev.toolstream.spring.boot.ToolBeans}); {@link
 * dev.toolstream.spring.boot.AgentSse} and {@link dev.toolstream.spring.boot.AgentSseFlux} stream
 * a run to a browser as Server-Sent Events. Every bean can be replaced by one of the
 * application's, or adjusted with a {@link dev.toolstream.spring.boot.MessagesClientCustomizer} or
 * {@link dev.toolstream.spring.boot.AgentCustomizer}.
 */
@NullMarked
package dev.toolstream.spring.boot;

import org.jspecify.annotations.NullMarked;
