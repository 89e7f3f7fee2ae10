package dev.toolstream.mcp.internal;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps the SDK's transport providers so that each session honours {@code notifications/cancelled}
 * for tool calls, which the SDK's server ignores (it has no handler for it and gives tool handlers
 * no request id). A wrapped session hands a cancellation to the server's {@link InFlightCalls};
 * over stdio it also puts each request's id into the Reactor context, where {@link ServedTool}
 * finds it (over HTTP, {@link RequestIdServlet} does that part). Everything else goes to the SDK's
 * session unchanged.
 */
public final class CancellingSessions {
  private static final String CANCELLED = "notifications/cancelled";

  private CancellingSessions() {}

  /**
   * Wraps a single-session provider, such as stdio.
   *
   * @param provider the SDK's provider
   * @param calls the server's calls in flight
   * @param onClose run once the session closes, such as when stdin ends
   * @return a provider whose sessions honour cancellation
   */
  public static McpServerTransportProvider wrap(
      McpServerTransportProvider provider, InFlightCalls calls, Runnable onClose) {
    class Wrapped extends Delegating implements McpServerTransportProvider {
      Wrapped() {
        super(provider);
      }

      @Override
      public void setSessionFactory(McpServerSession.Factory factory) {
        provider.setSessionFactory(
            transport -> new SingleSession(factory.create(transport), transport, calls, onClose));
      }
    }
    return new Wrapped();
  }

  /**
   * Wraps a Streamable HTTP provider.
   *
   * @param provider the SDK's provider
   * @param calls the server's calls in flight
   * @return a provider whose sessions honour cancellation
   */
  public static McpStreamableServerTransportProvider wrap(
      McpStreamableServerTransportProvider provider, InFlightCalls calls) {
    class Wrapped extends Delegating implements McpStreamableServerTransportProvider {
      Wrapped() {
        super(provider);
      }

      @Override
      public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        provider.setSessionFactory(
            request -> {
              McpStreamableServerSession.McpStreamableServerSessionInit init =
                  factory.startSession(request);
              return new McpStreamableServerSession.McpStreamableServerSessionInit(
                  new StreamableSession(init.session(), calls), init.initResult());
            });
      }
    }
    return new Wrapped();
  }

  /** Passes everything but the session factory on to the SDK's provider, for both wrappers. */
  private abstract static class Delegating implements McpServerTransportProviderBase {
    private final McpServerTransportProviderBase provider;

    Delegating(McpServerTransportProviderBase provider) {
      this.provider = provider;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
      return provider.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
      return provider.notifyClient(sessionId, method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return provider.closeGracefully();
    }

    @Override
    public void close() {
      provider.close();
    }

    @Override
    public List<String> protocolVersions() {
      return provider.protocolVersions();
    }
  }

  private static boolean isCancellation(McpSchema.JSONRPCNotification notification) {
    return CANCELLED.equals(notification.method());
  }

  /**
   * A stdio-style session: the transport calls {@link #handle} for every message. The superclass
   * state is unused; every call goes to the SDK's session.
   */
  private static final class SingleSession extends McpServerSession {
    private final McpServerSession session;
    private final InFlightCalls calls;
    private final Runnable onClose;

    SingleSession(
        McpServerSession session,
        McpServerTransport transport,
        InFlightCalls calls,
        Runnable onClose) {
      super(session.getId(), Duration.ZERO, transport, null, Map.of(), Map.of());
      this.session = session;
      this.calls = calls;
      this.onClose = onClose;
    }

    @Override
    public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
      if (message instanceof McpSchema.JSONRPCNotification notification
          && isCancellation(notification)) {
        return Mono.fromRunnable(() -> calls.cancel(getId(), notification.params()));
      }
      if (message instanceof McpSchema.JSONRPCRequest request) {
        return session
            .handle(message)
            .contextWrite(
                context -> context.put(ServedTool.REQUEST_ID, request.id()));
      }
      return session.handle(message);
    }

    @Override
    public String getId() {
      return session.getId();
    }

    @Override
    public void init(
        McpSchema.ClientCapabilities clientCapabilities, McpSchema.Implementation clientInfo) {
      session.init(clientCapabilities, clientInfo);
    }

    @Override
    public void setMinLoggingLevel(McpSchema.LoggingLevel minLoggingLevel) {
      session.setMinLoggingLevel(minLoggingLevel);
    }

    @Override
    public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel loggingLevel) {
      return session.isNotificationForLevelAllowed(loggingLevel);
    }

    @Override
    public <T> Mono<T> sendRequest(String method, Object requestParams, TypeRef<T> typeRef) {
      return session.sendRequest(method, requestParams, typeRef);
    }

    @Override
    public Mono<Void> sendNotification(String method, Object params) {
      return session.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return session.closeGracefully().doFinally(signal -> onClose.run());
    }

    @Override
    public void close() {
      try {
        session.close();
      } finally {
        onClose.run();
      }
    }
  }

  /**
   * A Streamable HTTP session: the servlet calls {@link #accept(McpSchema.JSONRPCNotification)} for
   * each notification. The superclass state is unused; every call goes to the SDK's session, so the
   * streams it opens for requests are the SDK session's own.
   */
  private static final class StreamableSession extends McpStreamableServerSession {
    private final McpStreamableServerSession session;
    private final InFlightCalls calls;

    StreamableSession(McpStreamableServerSession session, InFlightCalls calls) {
      super(session.getId(), null, null, Duration.ZERO, Map.of(), Map.of());
      this.session = session;
      this.calls = calls;
    }

    @Override
    @Deprecated // As in the SDK, which no longer calls it; kept so that no call reaches super.
    public Mono<Void> responseStream(
        McpSchema.JSONRPCRequest request, McpStreamableServerTransport transport) {
      return session.responseStream(request, transport);
    }

    @Override
    public McpStreamableServerSessionStream responseStream(McpStreamableServerTransport transport) {
      return session.responseStream(transport);
    }

    @Override
    public boolean hasListeningStream() {
      return session.hasListeningStream();
    }

    @Override
    public boolean hasOpenStream() {
      return session.hasOpenStream();
    }

    @Override
    public void releaseListeningStream() {
      session.releaseListeningStream();
    }

    @Override
    public Mono<Void> accept(McpSchema.JSONRPCNotification notification) {
      if (isCancellation(notification)) {
        return Mono.fromRunnable(() -> calls.cancel(getId(), notification.params()));
      }
      return session.accept(notification);
    }

    @Override
    public Mono<Void> accept(McpSchema.JSONRPCResponse response) {
      return session.accept(response);
    }

    @Override
    public String getId() {
      return session.getId();
    }

    @Override
    public void setMinLoggingLevel(McpSchema.LoggingLevel minLoggingLevel) {
      session.setMinLoggingLevel(minLoggingLevel);
    }

    @Override
    public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel loggingLevel) {
      return session.isNotificationForLevelAllowed(loggingLevel);
    }

    @Override
    public <T> Mono<T> sendRequest(String method, Object requestParams, TypeRef<T> typeRef) {
      return session.sendRequest(method, requestParams, typeRef);
    }

    @Override
    public Mono<Void> sendNotification(String method, Object params) {
      return session.sendNotification(method, params);
    }

    @Override
    public Mono<Void> delete() {
      return session.delete();
    }

    @Override
    public McpStreamableServerSessionStream listeningStream(
        McpStreamableServerTransport transport) {
      return session.listeningStream(transport);
    }

    @Override
    public Flux<McpSchema.JSONRPCMessage> replay(Object lastEventId) {
      return session.replay(lastEventId);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return session.closeGracefully();
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
