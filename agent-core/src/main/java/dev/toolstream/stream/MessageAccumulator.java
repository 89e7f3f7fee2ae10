package dev.toolstream.stream;

import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopDetails;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a {@link Message} from stream events, exactly as a non-streaming call would return it.
 *
 * <p>It keeps one buffer per content-block index: text deltas are appended, thinking text and its
 * signature kept, citations attached to their text block, a compaction's summary set from its
 * delta, and tool input fragments kept in order, as the strings their events hold, and read once,
 * by one parse at {@code content_block_stop}, so assembly is linear in the input's size whatever
 * the number of fragments.
 * Empty tool input becomes {@code {}}. Input that is not a JSON object is not silently replaced:
 * the block records the raw text and the parse error in {@link
 * ContentBlock.ToolUse#invalidInput()}. Blocks
 * that {@code message_start} already holds, as a turn resumed from a code-execution container's
 * may, come first and complete, and its stop reason stands until a {@code message_delta} replaces
 * it. After a server-side {@code fallback} block, the message's model is the one that block names
 * as serving it.
 *
 * <p>Usage starts from {@code message_start}; {@code message_delta} counts replace it field by
 * field, and a missing count never overwrites one.
 *
 * <p>It holds the stream to the protocol and to its {@link StreamLimits}: {@code message_start}
 * comes first and once; block {@code i + 1} starts only after block {@code i} started; a delta or
 * {@code content_block_stop} is for a block that is open; a delta's type fits its block (text to
 * text, input JSON to a tool call, thinking and its signature to thinking, a compaction's summary
 * to a compaction); no block is open at {@code message_stop}; and a message's blocks, a tool call's
 * input and that input's nesting stay within the limits. An event that breaks one of these is
 * refused with an {@link IllegalStateException} before it changes anything. Not thread-safe.
 */
public final class MessageAccumulator {
  private final StreamLimits limits;
  private @Nullable Message start;
  private final List<BlockBuffer> blocks = new ArrayList<>();
  private int openBlocks;
  private @Nullable StopReason stopReason;
  private @Nullable String stopSequence;
  private @Nullable StopDetails stopDetails;
  private Usage usage = Usage.ZERO;
  private Map<String, JsonNode> extraFields = Map.of();
  private @Nullable String servedBy;
  private boolean complete;

  /** Makes an empty accumulator within the default {@link StreamLimits}. */
  public MessageAccumulator() {
    this(StreamLimits.DEFAULTS);
  }

  /**
   * Makes an empty accumulator with bounds of its own, such as those of a client.
   *
   * @param limits the bounds on blocks, tool input and nesting that {@link #accept} enforces
   */
  public MessageAccumulator(StreamLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits == null");
  }

  /**
   * Applies one event.
   *
   * @param event the next event of the stream, in order; {@code ping}, {@code error} and unknown
   *     events change nothing
   * @return the block completed by this event, for {@code content_block_stop}; otherwise null
   * @throws IllegalStateException if the event breaks the protocol or a limit; nothing changed
   */
  public @Nullable ContentBlock accept(StreamEvent event) {
    if (event instanceof StreamEvent.ContentBlockDelta delta) {
      open(delta.index(), "content_block_delta").append(delta.delta(), limits);
    } else if (event instanceof StreamEvent.ContentBlockStart blockStart) {
      begin(blockStart);
    } else if (event instanceof StreamEvent.ContentBlockStop stop) {
      ContentBlock done = open(stop.index(), "content_block_stop").finish(limits.maxNestingDepth());
      openBlocks--;
      return done;
    } else if (event instanceof StreamEvent.MessageStart messageStart) {
      if (start != null) {
        throw violation("a second message_start arrived");
      }
      start = messageStart.message();
      usage = start.usage();
      extraFields = start.extraFields();
      stopReason = start.stopReason();
      stopSequence = start.stopSequence();
      stopDetails = start.stopDetails();
      for (ContentBlock block : start.content()) {
        // A turn resumed from a container (programmatic tool calling) can start with its blocks,
        // and its stop reason, already in message_start, and then stop with no block events.
        BlockBuffer whole = new BlockBuffer(block);
        whole.done = block;
        blocks.add(whole);
      }
    } else if (event instanceof StreamEvent.MessageDelta messageDelta) {
      requireStarted("message_delta");
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
        usage = MessageCodec.updateUsage(usage, messageDelta.usage());
      }
      if (!messageDelta.extraFields().isEmpty()) {
        extraFields = updated(extraFields, messageDelta.extraFields());
      }
    } else if (event instanceof StreamEvent.MessageStop) {
      requireStarted("message_stop");
      if (openBlocks > 0) {
        throw violation("message_stop arrived while content block " + firstOpen() + " was open");
      }
      complete = true;
    }
    return null;
  }

  private void begin(StreamEvent.ContentBlockStart event) {
    requireStarted("content_block_start");
    int index = event.index();
    if (index != blocks.size()) {
      throw violation(
          "content_block_start for block " + index
              + (index >= 0 && index < blocks.size()
                  ? ", which had already started"
                  : ", but the next block is " + blocks.size()));
    }
    if (index >= limits.maxContentBlocks()) {
      throw overLimit(
          "the message has more than " + limits.maxContentBlocks()
              + " content blocks (StreamLimits.maxContentBlocks)");
    }
    blocks.add(new BlockBuffer(event.contentBlock()));
    openBlocks++;
    if (event.contentBlock() instanceof ContentBlock.Unknown block
        && block.type().equals("fallback")
        && block.json().path("to").path("model").isString()) {
      // As the official SDKs do: the last fallback names the model that served the response, as
      // the model of a non-streaming response does.
      servedBy = block.json().path("to").path("model").asString();
    }
  }

  /** Returns the block at {@code index} if it is open, for an {@code event} that needs one. */
  private BlockBuffer open(int index, String event) {
    BlockBuffer buffer = index >= 0 && index < blocks.size() ? blocks.get(index) : null;
    if (buffer == null || buffer.done != null) {
      throw violation(
          event + " for block " + index
              + (buffer == null ? ", which never started" : ", which had already stopped"));
    }
    return buffer;
  }

  private void requireStarted(String event) {
    if (start == null) {
      throw violation(event + " arrived before message_start");
    }
  }

  private int firstOpen() {
    for (int i = 0; ; i++) {
      if (blocks.get(i).done == null) {
        return i;
      }
    }
  }

  private static IllegalStateException violation(String what) {
    return new IllegalStateException(what + ": the stream breaks the protocol");
  }

  private static IllegalStateException overLimit(String what) {
    return new IllegalStateException(
        what + "; if the API really sends this much, raise it with MessagesClient.Builder.limits(...)");
  }

  /**
   * Tells whether the message is whole.
   *
   * @return true once {@code message_stop} has been accepted
   */
  public boolean isComplete() {
    return complete;
  }

  /**
   * Tells whether the stream has begun, so that {@link #message()} holds an id and a model.
   *
   * @return true once {@code message_start} has been accepted
   */
  public boolean hasStarted() {
    return start != null;
  }

  /**
   * Shows the tool input that {@code event}, just {@linkplain #accept accepted}, added to, for a
   * listener's {@link StreamListener#onToolInputDelta}.
   *
   * @param event the delta just accepted
   * @return the fragment with the call's input so far; null if {@code event} is not an input JSON
   *     delta of a block that is open
   */
  public @Nullable ToolInputDelta toolInputDelta(StreamEvent.ContentBlockDelta event) {
    int index = event.index();
    BlockBuffer buffer = index >= 0 && index < blocks.size() ? blocks.get(index) : null;
    if (buffer == null || buffer.json == null || !(event.delta() instanceof Delta.InputJson json)) {
      return null;
    }
    ContentBlock start = buffer.start;
    String id = "";
    String name = start.type();
    if (start instanceof ContentBlock.ToolUse call) {
      id = call.id();
      name = call.name();
    } else if (start instanceof ContentBlock.ServerToolUse call) {
      id = call.id();
      name = call.name();
    } else if (start instanceof ContentBlock.McpToolUse call) {
      id = call.id();
      name = call.name();
    }
    return new ToolInputDelta(index, id, name, json.partialJson(), buffer.json);
  }

  /**
   * Returns the message as accumulated so far. Blocks still streaming are included as they stand:
   * text so far, and a tool call whose input is incomplete carries it in {@code invalidInput}.
   *
   * @return a new message each call; before {@code message_start}, its id and model are empty
   */
  public Message message() {
    List<ContentBlock> content = new ArrayList<>(blocks.size());
    for (BlockBuffer buffer : blocks) {
      content.add(buffer.done != null ? buffer.done : buffer.build(limits.maxNestingDepth()));
    }
    String id = start == null ? "" : start.id();
    String model = servedBy != null ? servedBy : start == null ? "" : start.model();
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

  /** The state of one content block while it streams. */
  private static final class BlockBuffer {
    final ContentBlock start;
    @Nullable StringBuilder text;
    @Nullable InputText json; // Never cleared: the ToolInputDeltas handed out keep views of it.
    @Nullable StringBuilder signature;
    @Nullable List<JsonNode> citations;
    Delta.@Nullable Compaction compaction;
    @Nullable ContentBlock done;
    private boolean parseFailedOnDepth;

    BlockBuffer(ContentBlock start) {
      this.start = start;
    }

    void append(Delta delta, StreamLimits limits) {
      if (delta instanceof Delta.Text t) {
        expect(start instanceof ContentBlock.Text, delta);
        text = append(text, t.text());
      } else if (delta instanceof Delta.InputJson j) {
        expect(takesInput(start), delta);
        String fragment = j.partialJson();
        if ((json == null ? 0L : json.length()) + fragment.length() > limits.maxToolInputChars()) {
          throw overLimit(
              "a tool call's input is longer than " + limits.maxToolInputChars()
                  + " characters (StreamLimits.maxToolInputChars)");
        }
        if (json == null) {
          json = new InputText();
        }
        json.append(fragment);
      } else if (delta instanceof Delta.Thinking t) {
        expect(start instanceof ContentBlock.Thinking, delta);
        text = append(text, t.thinking());
      } else if (delta instanceof Delta.Signature s) {
        expect(start instanceof ContentBlock.Thinking, delta);
        signature = append(signature, s.signature());
      } else if (delta instanceof Delta.Compaction c) {
        expect(start instanceof ContentBlock.Compaction, delta);
        compaction = compaction == null ? c : merged(compaction, c);
      } else if (delta instanceof Delta.Citation c) {
        expect(start instanceof ContentBlock.Text, delta);
        if (citations == null) {
          citations = new ArrayList<>();
        }
        citations.add(c.citation());
      }
    }

    /**
     * Refuses a known delta for a known block it cannot belong to; a block type this library does
     * not know may take any delta (a server tool's call streams its input like a client tool's).
     */
    private void expect(boolean fits, Delta delta) {
      if (!fits && !(start instanceof ContentBlock.Unknown)) {
        throw violation("a " + delta.type() + " arrived for a " + start.type() + " block");
      }
    }


    /** Tells whether a block streams its input: a call of a client tool, a server tool or MCP. */
    private static boolean takesInput(ContentBlock start) {
      return start instanceof ContentBlock.ToolUse
          || start instanceof ContentBlock.ServerToolUse
          || start instanceof ContentBlock.McpToolUse;
    }

    /** A later compaction delta's fields replace the earlier ones it carries, as in the SDKs. */
    private static Delta.Compaction merged(Delta.Compaction earlier, Delta.Compaction later) {
      return new Delta.Compaction(
          later.content() != null ? later.content() : earlier.content(),
          later.encryptedContent() != null ? later.encryptedContent() : earlier.encryptedContent());
    }

    private static StringBuilder append(@Nullable StringBuilder builder, String piece) {
      return (builder == null ? new StringBuilder(Math.max(16, piece.length())) : builder)
          .append(piece);
    }

    /**
     * Completes the block. Its input's nesting is checked by the parse itself, which counts depth
     * as it goes, so the check costs nothing while the input streams.
     */
    ContentBlock finish(int maxDepth) {
      parseFailedOnDepth = false;
      ContentBlock block = build(maxDepth);
      if (parseFailedOnDepth && json != null && nestedDeeperThan(json.toString(), maxDepth)) {
        throw overLimit(
            "a tool call's input is nested deeper than " + maxDepth
                + " levels (StreamLimits.maxNestingDepth)");
      }
      done = block;
      text = null;
      json = null;
      return done;
    }

    /**
     * Tells whether {@code json} nests arrays and objects deeper than {@code maxDepth}: run only
     * once the parser stopped at one of its bounds, to tell depth from the others.
     */
    private static boolean nestedDeeperThan(CharSequence json, int maxDepth) {
      int depth = 0;
      boolean quoted = false;
      for (int i = 0, n = json.length(); i < n; i++) {
        char c = json.charAt(i);
        if (quoted) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            quoted = false;
          }
        } else if (c == '"') {
          quoted = true;
        } else if ((c == '{' || c == '[') && ++depth > maxDepth) {
          return true;
        } else if (c == '}' || c == ']') {
          depth--;
        }
      }
      return false;
    }

    ContentBlock build(int maxDepth) {
      if (start instanceof ContentBlock.Text t) {
        List<JsonNode> allCitations = new ArrayList<>(t.citations());
        if (citations != null) {
          allCitations.addAll(citations);
        }
        return new ContentBlock.Text(
            join(t.text(), text), allCitations, t.cacheControl(), t.extraFields());
      } else if (start instanceof ContentBlock.ToolUse call) {
        return json == null ? call : toolUse(call, json, maxDepth);
      } else if (start instanceof ContentBlock.Thinking t) {
        return new ContentBlock.Thinking(
            join(t.thinking(), text), join(t.signature(), signature), t.extraFields());
      } else if (start instanceof ContentBlock.Compaction c && compaction != null) {
        return new ContentBlock.Compaction(
            compaction.content() != null ? compaction.content() : c.content(),
            compaction.encryptedContent() != null
                ? compaction.encryptedContent()
                : c.encryptedContent(),
            c.cacheControl(),
            c.extraFields());
      } else if (start instanceof ContentBlock.Unknown unknown && json != null) {
        return withDeltas(unknown, maxDepth);
      } else if (start instanceof ContentBlock.ServerToolUse call && json != null) {
        return new ContentBlock.ServerToolUse(
            call.id(), call.name(), input(json, maxDepth), call.extraFields());
      } else if (start instanceof ContentBlock.McpToolUse call && json != null) {
        return new ContentBlock.McpToolUse(
            call.id(), call.name(), call.serverName(), input(json, maxDepth), call.extraFields());
      }
      return start;
    }

    private static String join(String initial, @Nullable StringBuilder appended) {
      return appended == null ? initial : initial + appended;
    }

    private ContentBlock.ToolUse toolUse(ContentBlock.ToolUse call, InputText json, int maxDepth) {
      if (json.isBlank()) {
        return new ContentBlock.ToolUse(
            call.id(), call.name(), Json.object(), null, call.extraFields());
      }
      try {
        JsonNode input = parse(json, maxDepth);
        if (input.isObject()) {
          return new ContentBlock.ToolUse(call.id(), call.name(), input, null, call.extraFields());
        }
        String type = input.getNodeType().name().toLowerCase(Locale.ROOT);
        return invalid(call, json.toString(), "the input is a JSON " + type + ", not an object");
      } catch (JacksonException e) {
        return invalid(call, json.toString(), e.getOriginalMessage() + describe(e));
      }
    }

    /**
     * Parses tool input where it lies, noting a parse that stopped at one of the parser's own
     * bounds.
     */
    private JsonNode parse(InputText json, int maxDepth) {
      try {
        char[] chars = json.toCharArray();
        return Json.parse(chars, chars.length, maxDepth);
      } catch (StreamConstraintsException e) {
        parseFailedOnDepth = true;
        throw e;
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

    /**
     * Returns the input of a call the API runs itself: no client code reads it, so input that does
     * not parse is kept as its raw text, to go back as it came.
     */
    private JsonNode input(InputText json, int maxDepth) {
      try {
        return json.isBlank() ? Json.object() : parse(json, maxDepth);
      } catch (JacksonException e) {
        return Json.MAPPER.getNodeFactory().stringNode(json.toString());
      }
    }

    /**
     * Applies the deltas to a raw block: a call of a kind this library does not know streams its
     * input like a client tool.
     */
    private ContentBlock withDeltas(ContentBlock.Unknown unknown, int maxDepth) {
      ObjectNode copy = (ObjectNode) unknown.json().deepCopy();
      copy.set("input", input(json, maxDepth));
      return new ContentBlock.Unknown(copy);
    }
  }
}
