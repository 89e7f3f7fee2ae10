/** The JDBC machinery behind {@code JdbcRunStore} and the journal of durable runs; not an API. */
@NullMarked
package dev.toolstream.store.internal;

import org.jspecify.annotations.NullMarked;
