package dev.toolstream.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads HTTP/1.1 requests from one connection: request line, headers, and a body framed by {@code
 * Content-Length} or the chunked transfer coding. Not thread-safe; one per connection.
 */
final class HttpRequestReader {
  private static final int MAX_LINE = 64 * 1024;

  /**
   * The API's limit on a request, 32 MB for Messages and token counts alike; a longer body is read
   * past, never kept, and the request answered {@code 413 request_too_large} as the API does.
   */
  static final long MAX_BODY = 32L * 1024 * 1024;

  private final InputStream in;

  /** Reads from {@code in}, which must support {@code mark} (a {@code BufferedInputStream}). */
  HttpRequestReader(InputStream in) {
    this.in = in;
  }

  /**
   * Returns the next request, or null if the client closed the connection between requests. A
   * request whose body is over {@link #MAX_BODY} bytes comes with a null body, its bytes skipped.
   */
  @Nullable HttpRequest read() throws IOException {
    in.mark(1);
    if (in.read() == -1) {
      return null;
    }
    in.reset();
    String requestLine = readLine();
    String[] parts = requestLine.split(" ", 3);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new ProtocolException("Not an HTTP/1.x request line: " + requestLine);
    }
    List<Map.Entry<String, String>> headers = readHeaders();
    HttpRequest head = new HttpRequest(parts[0], parts[1], headers, new byte[0]);
    return new HttpRequest(parts[0], parts[1], headers, readBody(head));
  }

  private List<Map.Entry<String, String>> readHeaders() throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("Malformed header line: " + line);
      }
      headers.add(
          new AbstractMap.SimpleImmutableEntry<>(
              line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
    }
    return headers;
  }

  private byte @Nullable [] readBody(HttpRequest head) throws IOException {
    String transferEncoding = head.header("Transfer-Encoding");
    if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return readChunkedBody();
    }
    String contentLength = head.header("Content-Length");
    if (contentLength == null) {
      return new byte[0];
    }
    long length = parseLength(contentLength.trim(), 10);
    if (length > MAX_BODY) {
      skipExactly(length);
      return null;
    }
    return readExactly((int) length);
  }

  private byte @Nullable [] readChunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean kept = true;
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      String hex = semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon);
      long size = parseLength(hex.trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // Trailers carry nothing the test kit records.
        }
        return kept ? body.toByteArray() : null;
      }
      if (kept && size <= MAX_BODY - body.size()) {
        body.write(readExactly((int) size));
      } else {
        kept = false;
        body = new ByteArrayOutputStream(0);
        skipExactly(size);
      }
      readLine();
    }
  }

  private static long parseLength(String digits, int radix) throws ProtocolException {
    try {
      long length = Long.parseLong(digits, radix);
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // Reported below, as a negative length is.
    }
    throw new ProtocolException("Not a body length: " + digits);
  }

  private void skipExactly(long length) throws IOException {
    long skipped = 0;
    byte[] scrap = new byte[8192];
    while (skipped < length) {
      int read = in.read(scrap, 0, (int) Math.min(scrap.length, length - skipped));
      if (read == -1) {
        throw new EOFException("Body ended after " + skipped + " of " + length + " bytes");
      }
      skipped += read;
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new EOFException("Body ended after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  /** Reads one CRLF- (or LF-) terminated line as ISO-8859-1. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b == -1) {
        throw new EOFException("Connection closed inside a request");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new ProtocolException("Request line or header longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
  }
}
