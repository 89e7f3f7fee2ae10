/**
 * The machinery behind the test kit: a small HTTP/1.1 server on JDK sockets, its request reader and
 * its chunked body writer. Not part of the public API; it may change in any release.
 */
@NullMarked
package dev.toolstream.testkit.internal;

import org.jspecify.annotations.NullMarked;
