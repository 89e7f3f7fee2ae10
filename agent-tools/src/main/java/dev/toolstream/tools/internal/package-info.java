/**
 * The machinery behind {@link dev.toolstream.tools.AnnotatedTools}: reading methods, deriving
 * schemas, binding arguments and converting results. Not part of the public API.
 */
@NullMarked
package dev.toolstream.tools.internal;

import org.jspecify.annotations.NullMarked;
