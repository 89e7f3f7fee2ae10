package dev.toolstream.otel.internal;

import io.opentelemetry.context.ContextKey;

/** Where the application's conversation id rides in the OpenTelemetry context. */
public final class Conversation {
  /** The key of {@code gen_ai.conversation.id} in the context current when a run starts. */
  public static final ContextKey<String> KEY = ContextKey.named("gen_ai.conversation.id");

  private Conversation() {}
}
