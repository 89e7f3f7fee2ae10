/**
 * Tools as annotated Java methods: {@link dev.toolstream.tools.Tool} and {@link
 * dev.toolstream.tools.ToolParam} mark them, {@link dev.toolstream.tools.AnnotatedTools} turns them
 * into {@link dev.toolstream.agent.ToolSpec}s with a schema derived from the signature.
 */
@NullMarked
package dev.toolstream.tools;

import org.jspecify.annotations.NullMarked;
