/**
 * JMH benchmarks and harnesses that measure Toolstream against the official SDK and a raw line read
 * of the same bytes, over loopback HTTP. Not a library: nothing here is API.
 */
@NullMarked
package dev.toolstream.bench;

import org.jspecify.annotations.NullMarked;
