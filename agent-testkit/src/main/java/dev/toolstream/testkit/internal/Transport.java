package dev.toolstream.testkit.internal;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * How streamed bodies go over the wire: the chunk sizes (a fresh sequence per response; 0 means one
 * chunk per frame) and the pause before each frame marked {@code pauseBefore}.
 */
public record Transport(Supplier<IntSupplier> chunkSizes, Duration deltaDelay) {}
