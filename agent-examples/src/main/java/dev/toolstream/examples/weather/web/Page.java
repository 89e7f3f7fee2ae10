package dev.toolstream.examples.weather.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The static page, {@code index.html} next to this class: read once, with the server's prompt
 * limit filled in, and served with a Content-Security-Policy that allows only its own inline
 * script and style (by hash) and connections to this server. Model text is inserted as text by
 * the page's script; the policy is a second line of defence should that ever slip. Public so that
 * the Spring Boot example serves the same page with the same policy.
 */
public final class Page {
  private static final String MAX_PROMPT_TOKEN = "__MAX_PROMPT_LENGTH__";
  private static final String NOTICE_TOKEN = "__NOTICE__";
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private final byte[] html;
  private final String contentSecurityPolicy;

  private Page(byte[] html, String contentSecurityPolicy) {
    this.html = html;
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  /**
   * Loads the page for a server whose prompts may hold {@code maxPromptLength} characters.
   *
   * @throws IllegalStateException if the page is missing from the classpath
   */
  public static Page load(int maxPromptLength) {
    return load(maxPromptLength, null);
  }

  /**
   * Loads the page for a server whose prompts may hold {@code maxPromptLength} characters, with
   * {@code notice} shown above the first question: say, that the answers are simulated.
   *
   * @param notice plain text (it is escaped), or null for none
   * @throws IllegalStateException if the page is missing from the classpath
   */
  public static Page load(int maxPromptLength, @Nullable String notice) {
    String text;
    try (InputStream in = Page.class.getResourceAsStream("index.html")) {
      if (in == null) {
        throw new IllegalStateException(
            "index.html is missing next to " + Page.class.getName() + "; rebuild the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the page index.html", e);
    }
    text =
        text.replace(MAX_PROMPT_TOKEN, Integer.toString(maxPromptLength))
            .replace(
                NOTICE_TOKEN,
                notice == null
                    ? ""
                    : "<p id=\"notice\" class=\"notice pending\">" + escape(notice) + "</p>");
    String policy =
        "default-src 'none'; script-src "
            + hashes(SCRIPT, text)
            + "; style-src "
            + hashes(STYLE, text)
            + "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
    return new Page(text.getBytes(StandardCharsets.UTF_8), policy);
  }

  /** Returns the page's HTML, UTF-8. */
  public byte[] html() {
    return html.clone();
  }

  /** Returns the Content-Security-Policy to serve the page with. */
  public String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /** Sends the page; HEAD gets the headers only. */
  void serve(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.getResponseHeaders().set("Content-Security-Policy", contentSecurityPolicy);
    Responses.send(exchange, 200, "text/html; charset=utf-8", html);
  }

  /** Returns {@code text} as HTML text: its markup characters escaped. */
  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Returns the policy sources allowing each inline element {@code element} matches. */
  private static String hashes(Pattern element, String html) {
    StringBuilder sources = new StringBuilder();
    Matcher matcher = element.matcher(html);
    while (matcher.find()) {
      byte[] digest = sha256(matcher.group(1).getBytes(StandardCharsets.UTF_8));
      sources.append(sources.length() == 0 ? "" : " ");
      sources.append("'sha256-").append(Base64.getEncoder().encodeToString(digest)).append('\'');
    }
    return sources.length() == 0 ? "'none'" : sources.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
