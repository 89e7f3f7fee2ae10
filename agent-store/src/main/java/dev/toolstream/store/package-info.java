/**
 * Durable runs and conversations: {@link dev.toolstream.store.DurableAgent} checkpoints every step
 * of a run into a {@link dev.toolstream.store.RunStore} ({@link dev.toolstream.store.JdbcRunStore}
 * on H2 or PostgreSQL), resumes it after a crash on any machine that shares the database, and
 * continues it when a person approves a tool call.
 */
@NullMarked
package dev.toolstream.store;

import org.jspecify.annotations.NullMarked;
