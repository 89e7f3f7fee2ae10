package dev.toolstream.stream;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a {@link Message} from stream events, exactly as a non-streaming call would return it.
 *
 * <p>It keeps one buffer per content-block index: text deltas are appended, thinking text and its
 * signature kept, citations attached to their text block, and tool input fragments appended to
 * one growing buffer that is parsed once, at {@code content_block_stop}, so assembly is linear in
 * the input's size whatever the number of fragments. Empty tool input becomes {@code {}}. Input
 * that is not a JSON object is not silently replaced: the block records the raw text and the
 * parse error in {@link ContentBlock.ToolUse#invalidInput()}.
 *
 * <p>Usage starts from {@code message_start}; {@code message_delta} counts replace it field by
 * field, and a missing count never overwrites one. Not thread-safe.
 */
public final class MessageAccumulator {
  private @Nullable Message start;
  private final List<@Nullable BlockBuffer> blocks = new ArrayList<>();
  private @Nullable StopReason stopReason;
  private @Nullable String stopSequence;
  private @Nullable JsonNode stopDetails;
  private Usage usage = Usage.ZERO;
  private Map<String, JsonNode> extraFields = Map.of();
  private boolean complete;

  /** Returns an empty accumulator. */
  public MessageAccumulator() {}

  /**
   * Applies one event.
   *
   * @return the block completed by this event, for {@code content_block_stop}; otherwise null
   */
  public @Nullable ContentBlock accept(StreamEvent event) {
    if (event instanceof StreamEvent.ContentBlockDelta delta) {
      buffer(delta.index()).append(delta.delta());
    } else if (event instanceof StreamEvent.ContentBlockStart blockStart) {
      while (blocks.size() <= blockStart.index()) {
        blocks.add(null);
      }
      blocks.set(blockStart.index(), new BlockBuffer(blockStart.contentBlock()));
    } else if (event instanceof StreamEvent.ContentBlockStop stop) {
      return buffer(stop.index()).finish();
    } else if (event instanceof StreamEvent.MessageStart messageStart) {
      start = messageStart.message();
      usage = start.usage();
      extraFields = start.extraFields();
    } else if (event instanceof StreamEvent.MessageDelta messageDelta) {
      if (messageDelta.stopReason() != null) {
        stopReason = messageDelta.stopReason();
      }
      if (messageDelta.stopSequence() != null) {
        stopSequence = messageDelta.stopSequence();
      }
      if (messageDelta.stopDetails() != null) {
        stopDetails = messageDelta.stopDetails();
      }
      if (messageDelta.usage() != null) {
        usage = usage.updatedWith(messageDelta.usage());
      }
      if (!messageDelta.extraFields().isEmpty()) {
        extraFields = updated(extraFields, messageDelta.extraFields());
      }
    } else if (event instanceof StreamEvent.MessageStop) {
      complete = true;
    }
    return null;
  }

  /** Returns whether {@code message_stop} has arrived. */
  public boolean isComplete() {
    return complete;
  }

  /** Returns whether {@code message_start} has arrived. */
  public boolean hasStarted() {
    return start != null;
  }

  /**
   * Returns the tool input text received so far for the block at {@code index}; empty for a block
   * that takes no input. The returned sequence is live: read it before the next event.
   */
  public CharSequence inputJson(int index) {
    BlockBuffer buffer = index < blocks.size() ? blocks.get(index) : null;
    return buffer == null || buffer.json == null ? "" : buffer.json;
  }

  /** Returns the block started at {@code index}, as it started; null if none. */
  public @Nullable ContentBlock startedBlock(int index) {
    BlockBuffer buffer = index < blocks.size() ? blocks.get(index) : null;
    return buffer == null ? null : buffer.start;
  }

  /**
   * Returns the message as accumulated so far. Blocks still streaming are included as they stand:
   * text so far, and a tool call whose input is incomplete carries it in {@code invalidInput}.
   */
  public Message message() {
    List<ContentBlock> content = new ArrayList<>(blocks.size());
    for (BlockBuffer buffer : blocks) {
      if (buffer != null) {
        content.add(buffer.done != null ? buffer.done : buffer.build());
      }
    }
    String id = start == null ? "" : start.id();
    String model = start == null ? "" : start.model();
    return new Message(
        id, model, content, stopReason, stopSequence, stopDetails, usage, extraFields);
  }

  /**
   * Returns {@code fields} updated by a {@code message_delta}'s: as with usage, a value replaces
   * the field, and a null leaves a field that is there as it was (the container is sent once).
   */
  private static Map<String, JsonNode> updated(
      Map<String, JsonNode> fields, Map<String, JsonNode> delta) {
    Map<String, JsonNode> merged = new LinkedHashMap<>(fields);
    delta.forEach(
        (name, value) -> {
          if (!value.isNull() || !merged.containsKey(name)) {
            merged.put(name, value);
          }
        });
    return merged;
  }

  private BlockBuffer buffer(int index) {
    BlockBuffer buffer = index < blocks.size() ? blocks.get(index) : null;
    if (buffer == null) {
      throw new IllegalStateException(
          "content block " + index + " was not started: the stream is out of order");
    }
    return buffer;
  }

  /** The state of one content block while it streams. */
  private static final class BlockBuffer {
    final ContentBlock start;
    @Nullable StringBuilder text;
    @Nullable StringBuilder json;
    @Nullable StringBuilder signature;
    @Nullable List<JsonNode> citations;
    @Nullable ContentBlock done;

    BlockBuffer(ContentBlock start) {
      this.start = start;
    }

    void append(Delta delta) {
      if (delta instanceof Delta.Text t) {
        text = append(text, t.text());
      } else if (delta instanceof Delta.InputJson j) {
        json = append(json, j.partialJson());
      } else if (delta instanceof Delta.Thinking t) {
        text = append(text, t.thinking());
      } else if (delta instanceof Delta.Signature s) {
        signature = append(signature, s.signature());
      } else if (delta instanceof Delta.Citation c) {
        if (citations == null) {
          citations = new ArrayList<>();
        }
        citations.add(c.citation());
      }
    }

    private static StringBuilder append(@Nullable StringBuilder builder, String piece) {
      return (builder == null ? new StringBuilder(Math.max(16, piece.length())) : builder)
          .append(piece);
    }

    ContentBlock finish() {
      done = build();
      text = null;
      json = null;
      return done;
    }

    ContentBlock build() {
      if (start instanceof ContentBlock.Text t) {
        List<JsonNode> allCitations = new ArrayList<>(t.citations());
        if (citations != null) {
          allCitations.addAll(citations);
        }
        return new ContentBlock.Text(
            join(t.text(), text), allCitations, t.cacheControl(), t.extraFields());
      } else if (start instanceof ContentBlock.ToolUse call) {
        return json == null ? call : toolUse(call, json);
      } else if (start instanceof ContentBlock.Thinking t) {
        return new ContentBlock.Thinking(
            join(t.thinking(), text), join(t.signature(), signature), t.extraFields());
      } else if (start instanceof ContentBlock.Unknown unknown && json != null) {
        return withInput(unknown, json);
      }
      return start;
    }

    private static String join(String initial, @Nullable StringBuilder appended) {
      return appended == null ? initial : initial + appended;
    }

    private static ContentBlock.ToolUse toolUse(ContentBlock.ToolUse call, StringBuilder json) {
      String raw = json.toString();
      if (raw.isBlank()) {
        return new ContentBlock.ToolUse(
            call.id(), call.name(), Json.object(), null, call.extraFields());
      }
      try {
        JsonNode input = Json.parse(raw);
        if (input.isObject()) {
          return new ContentBlock.ToolUse(call.id(), call.name(), input, null, call.extraFields());
        }
        String type = input.getNodeType().name().toLowerCase(Locale.ROOT);
        return invalid(call, raw, "the input is a JSON " + type + ", not an object");
      } catch (JacksonException e) {
        return invalid(call, raw, e.getOriginalMessage() + describe(e));
      }
    }

    private static String describe(JacksonException e) {
      return e.getLocation() == null
          ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /**
     * The input sent back in the history must be an object; as the API's docs advise, it wraps
     * the raw text as {@code {"INVALID_JSON": raw}} so the model sees what it wrote.
     */
    private static ContentBlock.ToolUse invalid(ContentBlock.ToolUse call, String raw, String error) {
      ObjectNode input = Json.object();
      input.put("INVALID_JSON", raw);
      return new ContentBlock.ToolUse(
          call.id(),
          call.name(),
          input,
          new ContentBlock.InvalidInput(raw, error),
          call.extraFields());
    }

    /** A server tool's call streams its input like a client tool; keep it in the raw block. */
    private static ContentBlock withInput(ContentBlock.Unknown unknown, StringBuilder json) {
      ObjectNode copy = (ObjectNode) unknown.json().deepCopy();
      String raw = json.toString();
      try {
        copy.set("input", raw.isBlank() ? Json.object() : Json.parse(raw));
      } catch (JacksonException e) {
        copy.put("input", raw);
      }
      return new ContentBlock.Unknown(copy);
    }
  }
}
