package dev.toolstream.stream;

import dev.toolstream.errors.MalformedStreamException;
import tools.jackson.core.StreamReadConstraints;

/**
 * Bounds on what a response can make the client hold in memory. A server that is broken, or
 * hostile, cannot exhaust the heap or the stack: whatever it sends, a stream fails with a {@link
 * MalformedStreamException} (holding the message received so far) as soon as it crosses one of
 * these bounds, having buffered at most about that much.
 *
 * <p>The defaults, {@link #DEFAULTS}, sit well above anything the Messages API sends today (a
 * reply of 128k output tokens is about half a megabyte); raise one with {@link
 * dev.toolstream.client.MessagesClient.Builder#limits(StreamLimits)} only if a real response needs it:
 *
 * <pre>{@code
 * MessagesClient client = MessagesClient.builder()
 *     .apiKey(key)
 *     .limits(StreamLimits.DEFAULTS.newBuilder().maxMessageBytes(256 << 20).build())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StreamLimits {
  /** The JSON parser's own bound on nesting, the highest {@link #maxNestingDepth()} allowed. */
  private static final int PARSER_MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

  /** The default limits, as documented on each accessor. */
  public static final StreamLimits DEFAULTS = new Builder().build();

  private final int maxEventBytes;
  private final long maxMessageBytes;
  private final int maxContentBlocks;
  private final int maxToolInputChars;
  private final int maxNestingDepth;
  private final int maxErrorBodyBytes;

  private StreamLimits(Builder builder) {
    this.maxEventBytes = builder.maxEventBytes;
    this.maxMessageBytes = builder.maxMessageBytes;
    this.maxContentBlocks = builder.maxContentBlocks;
    this.maxToolInputChars = builder.maxToolInputChars;
    this.maxNestingDepth = builder.maxNestingDepth;
    this.maxErrorBodyBytes = builder.maxErrorBodyBytes;
  }

  /**
   * Starts limits from the defaults.
   *
   * @return a builder holding the values of {@link #DEFAULTS}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a variant of these limits, such as one bound raised.
   *
   * @return a new builder holding these limits; changing it leaves these as they are
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * Bounds one server-sent event: any one line of the stream, and an event's {@code data} lines
   * together. A line that never ends is cut here.
   *
   * @return the most bytes, 8 MiB by default
   */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  /**
   * Bounds the event data of one streamed message, and the body of a message read whole by {@link
   * dev.toolstream.client.MessagesClient#create}. It bounds the memory one message can take,
   * whatever its blocks hold.
   *
   * @return the most bytes, 64 MiB by default
   */
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  /**
   * Bounds the number of content blocks in one message. Blocks must also start in order, 0, 1, 2,
   * …, so an index can never reach past this.
   *
   * @return the most blocks, 100,000 by default
   */
  public int maxContentBlocks() {
    return maxContentBlocks;
  }

  /**
   * Bounds the JSON text of one tool call's input, client or server tool.
   *
   * @return the most characters, 4 Mi (4,194,304) by default
   */
  public int maxToolInputChars() {
    return maxToolInputChars;
  }

  /**
   * Bounds the nesting of arrays and objects in a tool call's input, checked by the parse when its
   * block stops. The JSON parser's own bound of 500 also applies to every event's data, and to
   * {@link dev.toolstream.stream.ToolInputDelta#partialInput()}, which leaves deeper values out.
   *
   * @return the deepest nesting allowed, 256 by default and at most 500
   */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /**
   * Bounds how much of an error response's body is read. The rest is not read: the exception's
   * message is taken from what was read, shortened if it is not the API's error JSON.
   *
   * @return the most bytes read, 1 MiB by default
   */
  public int maxErrorBodyBytes() {
    return maxErrorBodyBytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StreamLimits that
        && maxEventBytes == that.maxEventBytes
        && maxMessageBytes == that.maxMessageBytes
        && maxContentBlocks == that.maxContentBlocks
        && maxToolInputChars == that.maxToolInputChars
        && maxNestingDepth == that.maxNestingDepth
        && maxErrorBodyBytes == that.maxErrorBodyBytes;
  }

  @Override
  public int hashCode() {
    int hash = Integer.hashCode(maxEventBytes);
    hash = 31 * hash + Long.hashCode(maxMessageBytes);
    hash = 31 * hash + maxContentBlocks;
    hash = 31 * hash + maxToolInputChars;
    hash = 31 * hash + maxNestingDepth;
    return 31 * hash + maxErrorBodyBytes;
  }

  @Override
  public String toString() {
    return "StreamLimits{maxEventBytes=" + maxEventBytes
        + ", maxMessageBytes=" + maxMessageBytes
        + ", maxContentBlocks=" + maxContentBlocks
        + ", maxToolInputChars=" + maxToolInputChars
        + ", maxNestingDepth=" + maxNestingDepth
        + ", maxErrorBodyBytes=" + maxErrorBodyBytes
        + "}";
  }

  /** Configures {@link StreamLimits}; every value must be positive. Not thread-safe. */
  public static final class Builder {
    private int maxEventBytes = 8 << 20;
    private long maxMessageBytes = 64L << 20;
    private int maxContentBlocks = 100_000;
    private int maxToolInputChars = 4 << 20;
    private int maxNestingDepth = 256;
    private int maxErrorBodyBytes = 1 << 20;

    Builder() {}

    Builder(StreamLimits limits) {
      maxEventBytes = limits.maxEventBytes;
      maxMessageBytes = limits.maxMessageBytes;
      maxContentBlocks = limits.maxContentBlocks;
      maxToolInputChars = limits.maxToolInputChars;
      maxNestingDepth = limits.maxNestingDepth;
      maxErrorBodyBytes = limits.maxErrorBodyBytes;
    }

    /**
     * Sets {@link StreamLimits#maxEventBytes()}.
     *
     * @param bytes the most bytes of one line or one event's data, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public Builder maxEventBytes(int bytes) {
      this.maxEventBytes = (int) positive(bytes, "maxEventBytes");
      return this;
    }

    /**
     * Sets {@link StreamLimits#maxMessageBytes()}.
     *
     * @param bytes the most bytes of event data in one message, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public Builder maxMessageBytes(long bytes) {
      this.maxMessageBytes = positive(bytes, "maxMessageBytes");
      return this;
    }

    /**
     * Sets {@link StreamLimits#maxContentBlocks()}.
     *
     * @param blocks the most content blocks in one message, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code blocks} is less than 1
     */
    public Builder maxContentBlocks(int blocks) {
      this.maxContentBlocks = (int) positive(blocks, "maxContentBlocks");
      return this;
    }

    /**
     * Sets {@link StreamLimits#maxToolInputChars()}.
     *
     * @param chars the most characters of one tool call's input, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code chars} is less than 1
     */
    public Builder maxToolInputChars(int chars) {
      this.maxToolInputChars = (int) positive(chars, "maxToolInputChars");
      return this;
    }

    /**
     * Sets {@link StreamLimits#maxNestingDepth()}.
     *
     * @param depth the deepest nesting of a tool call's input, from 1 to 500
     * @return this builder
     * @throws IllegalArgumentException if {@code depth} is not between 1 and 500
     */
    public Builder maxNestingDepth(int depth) {
      if (depth < 1 || depth > PARSER_MAX_DEPTH) {
        throw new IllegalArgumentException(
            "maxNestingDepth must be between 1 and " + PARSER_MAX_DEPTH
                + " (the JSON parser's own limit), was " + depth);
      }
      this.maxNestingDepth = depth;
      return this;
    }

    /**
     * Sets {@link StreamLimits#maxErrorBodyBytes()}.
     *
     * @param bytes the most bytes read of an error body, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public Builder maxErrorBodyBytes(int bytes) {
      this.maxErrorBodyBytes = (int) positive(bytes, "maxErrorBodyBytes");
      return this;
    }

    /**
     * Makes the limits; every value was checked when it was set.
     *
     * @return immutable limits; later changes to this builder do not reach them
     */
    public StreamLimits build() {
      return new StreamLimits(this);
    }

    private static long positive(long value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be 1 or more, was " + value);
      }
      return value;
    }
  }
}
