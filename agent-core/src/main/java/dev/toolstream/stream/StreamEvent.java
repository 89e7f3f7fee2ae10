package dev.toolstream.stream;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One server-sent event of a streamed message. Event types this library does not know arrive as
 * {@link Unknown}, never as an exception.
 */
public sealed interface StreamEvent {

  /**
   * Names the event's kind as the API spells it.
   *
   * @return the wire event type, such as {@code content_block_delta}; {@code error} for {@link
   *     StreamError}
   */
  String type();

  /**
   * The first event: the message with empty content and its initial usage.
   *
   * @param message the message so far
   */
  record MessageStart(Message message) implements StreamEvent {
    /**
     * Checks the message is present.
     *
     * @param message the message as it starts, not null
     */
    public MessageStart {
      Objects.requireNonNull(message, "message == null");
    }

    @Override
    public String type() {
      return "message_start";
    }
  }

  /**
   * A content block begins.
   *
   * @param index the block's position in the message
   * @param contentBlock the block as it starts: empty text, a tool call with empty input, or a
   *     block that arrives whole
   */
  record ContentBlockStart(int index, ContentBlock contentBlock) implements StreamEvent {
    /**
     * Checks the block is present; the index is checked against the stream by the accumulator.
     *
     * @param index the block's position in the message, from 0
     * @param contentBlock the block as it starts, not null
     */
    public ContentBlockStart {
      Objects.requireNonNull(contentBlock, "contentBlock == null");
    }

    @Override
    public String type() {
      return "content_block_start";
    }
  }

  /**
   * A piece of a content block.
   *
   * @param index the block's position in the message
   * @param delta the piece
   */
  record ContentBlockDelta(int index, Delta delta) implements StreamEvent {
    /**
     * Checks the delta is present; the index is checked against the stream by the accumulator.
     *
     * @param index the position of the block it belongs to, from 0
     * @param delta the piece, not null
     */
    public ContentBlockDelta {
      Objects.requireNonNull(delta, "delta == null");
    }

    @Override
    public String type() {
      return "content_block_delta";
    }
  }

  /**
   * A content block is complete.
   *
   * @param index the block's position in the message
   */
  record ContentBlockStop(int index) implements StreamEvent {
    @Override
    public String type() {
      return "content_block_stop";
    }
  }

  /**
   * The message's top-level changes: its stop reason and cumulative usage.
   *
   * @param stopReason why the model stopped, if known yet
   * @param stopSequence the stop sequence that ended the message, if one did
   * @param stopDetails details beside the stop reason, as sent
   * @param usage the usage object as sent; its values are cumulative for the message and replace
   *     earlier ones field by field, and a missing or null field leaves the previous value
   * @param extraFields the delta's other fields, as sent, such as the {@code container} the code
   *     execution tool ran in, then the event's {@code context_management}, sent beside the delta;
   *     each one replaces the message's field of that name, except that a null never overwrites a
   *     value
   */
  record MessageDelta(
      @Nullable StopReason stopReason,
      @Nullable String stopSequence,
      @Nullable JsonNode stopDetails,
      @Nullable JsonNode usage,
      Map<String, JsonNode> extraFields)
      implements StreamEvent {
    /**
     * Copies the other fields in their order.
     *
     * @param stopReason why the model stopped, or null if not known yet
     * @param stopSequence the stop sequence that ended the message, or null
     * @param stopDetails details beside the stop reason, or null
     * @param usage the usage object as sent, or null if the event had none
     * @param extraFields the delta's other fields, copied; empty for none
     */
    public MessageDelta {
      extraFields = Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
    }

    /**
     * Makes a delta with no other fields, such as a scripted one in a test.
     *
     * @param stopReason why the model stopped, or null if not known yet
     * @param stopSequence the stop sequence that ended the message, or null
     * @param stopDetails details beside the stop reason, or null
     * @param usage the cumulative usage object, such as {@code {"output_tokens": 42}}, or null
     */
    public MessageDelta(
        @Nullable StopReason stopReason,
        @Nullable String stopSequence,
        @Nullable JsonNode stopDetails,
        @Nullable JsonNode usage) {
      this(stopReason, stopSequence, stopDetails, usage, Map.of());
    }

    @Override
    public String type() {
      return "message_delta";
    }
  }

  /** The last event of a complete message. */
  record MessageStop() implements StreamEvent {
    @Override
    public String type() {
      return "message_stop";
    }
  }

  /** A keep-alive. */
  record Ping() implements StreamEvent {
    @Override
    public String type() {
      return "ping";
    }
  }

  /**
   * An {@code error} event inside a {@code 200} stream, such as {@code overloaded_error}. It ends
   * the stream. (Named so that it never hides {@link java.lang.Error}.)
   *
   * @param errorType the API's error type
   * @param message the API's message
   */
  record StreamError(String errorType, String message) implements StreamEvent {
    /**
     * Checks both parts are present.
     *
     * @param errorType the API's error type, such as {@code overloaded_error}, not null
     * @param message the API's message, not null
     */
    public StreamError {
      Objects.requireNonNull(errorType, "errorType == null");
      Objects.requireNonNull(message, "message == null");
    }

    @Override
    public String type() {
      return "error";
    }
  }

  /**
   * An event type this library does not know, kept raw.
   *
   * @param type the event's type
   * @param json the event's data
   */
  record Unknown(String type, JsonNode json) implements StreamEvent {
    /**
     * Checks both parts are present; the JSON is kept as it is, not copied.
     *
     * @param type the event's type, from its {@code event:} line or its data's {@code type}, not
     *     null
     * @param json the event's data, not null
     */
    public Unknown {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(json, "json == null");
    }
  }
}
