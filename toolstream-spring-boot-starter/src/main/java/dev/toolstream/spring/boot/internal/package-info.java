/** The auto-configuration behind the starter's public types; not part of its API. */
@NullMarked
package dev.toolstream.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
