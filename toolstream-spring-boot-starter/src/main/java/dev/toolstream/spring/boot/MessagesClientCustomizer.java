package dev.toolstream.spring.boot;

import dev.toolstream.client.MessagesClient;

/**
 * Adjusts the auto-configured {@link MessagesClient} before it is built, after the {@code
 * toolstream.*} properties are applied: an OkHttp client with a proxy or interceptors, stream
 * limits, a beta. Every such bean is applied, in {@link org.springframework.core.Ordered} order.
 * Not applied to a {@code MessagesClient} bean the application defines itself.
 */
@FunctionalInterface
public interface MessagesClientCustomizer {
  /**
   * Changes the builder.
   *
   * @param builder the client's builder, holding the properties' settings
   */
  void customize(MessagesClient.Builder builder);
}
