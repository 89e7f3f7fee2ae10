package dev.toolstream.examples.weather.web;

import com.sun.net.httpserver.Headers;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request comes to this server, from its own page: the rules that keep a page on
 * another site from starting paid runs or reading their answers.
 *
 * <ul>
 *   <li>{@code Host} must name the address being served, with its port: the bound address, and
 *       for a loopback bind {@code localhost}, {@code 127.0.0.1} and {@code [::1]}; for a wildcard
 *       bind, the loopback names and the address of every network interface; and any host allowed
 *       by name. A DNS-rebinding page reaches the server under its own name ({@code
 *       evil.example:8080}) and is refused.
 *   <li>{@code /stream} refuses a present {@code Origin} that is not this server's own ({@code
 *       http://} and an allowed host) or an allowed origin, and a {@code Sec-Fetch-Site} other
 *       than {@code same-origin} or {@code none} unless its {@code Origin} is allowed. An {@code
 *       EventSource} on a foreign page sends {@code Origin}; an {@code <img>} or a link sends
 *       {@code Sec-Fetch-Site: cross-site} in every current browser. A request with neither, as
 *       curl sends, is let in: it does not come from a page.
 *   <li>A {@code POST /stream} body must be {@code application/json}: a foreign page can send
 *       {@code text/plain} or a form without asking, but JSON only after a CORS preflight that
 *       only an allowed origin passes.
 * </ul>
 *
 * Immutable and thread-safe.
 */
final class OriginPolicy {
  private final Set<String> hosts;
  /** The address the server is bound to, as a {@code Host} names it: the one a refusal suggests. */
  private final String primaryHost;
  private final Set<String> ownOrigins;
  private final Set<String> allowedOrigins;

  private OriginPolicy(Set<String> hosts, Set<String> allowedOrigins) {
    this.hosts = Set.copyOf(hosts);
    this.primaryHost = hosts.iterator().next(); // The caller's set keeps insertion order.
    Set<String> own = new LinkedHashSet<>();
    for (String host : hosts) {
      own.add("http://" + host);
    }
    this.ownOrigins = Set.copyOf(own);
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /**
   * Returns the policy for a server bound to {@code bindHost} on {@code port}, that also answers
   * to {@code extraHosts} (a name, or a name and port) and to pages on {@code extraOrigins}.
   */
  static OriginPolicy of(
      String bindHost, int port, List<String> extraHosts, List<String> extraOrigins) {
    Set<String> names = new LinkedHashSet<>();
    names.add(literal(bindHost));
    InetAddress bound = resolve(bindHost);
    if (bound != null && (bound.isLoopbackAddress() || bound.isAnyLocalAddress())) {
      names.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
    }
    if (bound != null && bound.isAnyLocalAddress()) {
      names.addAll(interfaceAddresses());
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (String name : names) {
      hosts.add(name + ":" + port);
      if (port == 80) {
        hosts.add(name); // A browser leaves the default port out of Host and Origin.
      }
    }
    for (String extra : extraHosts) {
      String host = extra.toLowerCase(Locale.ROOT);
      boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
      hosts.add(hasPort ? host : host + ":" + port);
      if (!hasPort && port == 80) {
        hosts.add(host);
      }
    }
    Set<String> origins = new LinkedHashSet<>();
    for (String origin : extraOrigins) {
      origins.add(normalizeOrigin(origin));
    }
    return new OriginPolicy(hosts, origins);
  }

  /** Returns why a request's {@code Host} is refused, or null if it names this server. */
  @Nullable Rejection checkHost(Headers headers) {
    String host = headers.getFirst("Host");
    if (host != null && hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
      return null;
    }
    return new Rejection(
        421,
        "misdirected_request",
        "this server answers only to its own address, such as http://" + primaryHost
            + "/; open the page there (or start it with --allow-host for another name)");
  }

  /**
   * Returns why a request to {@code /stream} is refused, or null if it comes from this server's
   * page, an allowed origin, or no page at all.
   */
  @Nullable Rejection checkStream(String method, Headers headers) {
    String origin = headers.getFirst("Origin");
    boolean allowedOrigin = origin != null && allowedOrigins.contains(normalizeOrigin(origin));
    if (origin != null && !allowedOrigin && !ownOrigins.contains(normalizeOrigin(origin))) {
      return crossOrigin();
    }
    String site = headers.getFirst("Sec-Fetch-Site");
    if (site != null
        && !allowedOrigin
        && !site.equalsIgnoreCase("same-origin")
        && !site.equalsIgnoreCase("none")) {
      return crossOrigin();
    }
    if (method.equals("POST") && !isJson(headers.getFirst("Content-Type"))) {
      return new Rejection(
          415,
          "unsupported_media_type",
          "send the body as Content-Type: application/json, such as {\"prompt\": \"…\"}");
    }
    return null;
  }

  /** Returns the origin to name in {@code Access-Control-Allow-Origin}, or null for none. */
  @Nullable String corsOrigin(Headers headers) {
    String origin = headers.getFirst("Origin");
    return origin != null && allowedOrigins.contains(normalizeOrigin(origin)) ? origin : null;
  }

  private static Rejection crossOrigin() {
    return new Rejection(
        403,
        "cross_origin",
        "streams are served only to this server's own page; open it here, or start the server"
            + " with --allow-origin for another page");
  }

  private static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().equalsIgnoreCase("application/json");
  }

  private static String normalizeOrigin(String origin) {
    String normal = origin.strip().toLowerCase(Locale.ROOT);
    return normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal;
  }

  /** Returns how {@code host} appears in a Host header: lower case, IPv6 in brackets. */
  private static String literal(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower;
  }

  private static @Nullable InetAddress resolve(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Set<String> interfaceAddresses() {
    Set<String> addresses = new LinkedHashSet<>();
    try {
      for (NetworkInterface each : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(each.getInetAddresses())) {
          String text = address.getHostAddress();
          int scope = text.indexOf('%');
          text = scope < 0 ? text : text.substring(0, scope);
          addresses.add(address instanceof Inet6Address ? "[" + text + "]" : text);
        }
      }
    } catch (SocketException e) {
      // No interfaces to list: the loopback names and --allow-host still apply.
    }
    return addresses;
  }
}
