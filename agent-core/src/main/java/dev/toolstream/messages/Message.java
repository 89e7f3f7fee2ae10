package dev.toolstream.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A message the model wrote: what a non-streaming call returns, and what a stream accumulates to.
 *
 * @param id the message id, {@code msg_…}
 * @param model the model that wrote it
 * @param content its blocks, in order
 * @param stopReason why the model stopped; null only in a message cut short
 * @param stopSequence the stop sequence that ended it, if one did
 * @param stopDetails details beside the stop reason (a refusal's category and explanation); null if
 *     the API sent none
 * @param usage its token counts
 * @param extraFields response fields this library does not model, kept as received, such as {@code
 *     container} and {@code context_management}; in a streamed message, those of {@code
 *     message_start}'s message updated by those of each {@code message_delta} (the fields of its
 *     {@code delta}, and the {@code context_management} it carries beside it)
 */
public record Message(
    String id,
    String model,
    List<ContentBlock> content,
    @Nullable StopReason stopReason,
    @Nullable String stopSequence,
    @Nullable StopDetails stopDetails,
    Usage usage,
    Map<String, JsonNode> extraFields) {

  /**
   * Checks the id, model and usage are present and copies the lists.
   *
   * @param id the message id, not null
   * @param model the model's id, such as {@code claude-sonnet-4-6}, not null
   * @param content the blocks, copied
   * @param stopReason why the model stopped, or null for a message cut short
   * @param stopSequence the stop sequence that ended it, or null
   * @param stopDetails details beside the stop reason, or null
   * @param usage the token counts, not null
   * @param extraFields the response fields not modelled, copied in their order
   */
  public Message {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(model, "model == null");
    content = List.copyOf(content);
    Objects.requireNonNull(usage, "usage == null");
    extraFields = ExtraFields.copyOf(extraFields);
  }

  /**
   * Joins the text of every text block, the answer a caller usually wants.
   *
   * @return the texts in order with nothing between them; empty if the message has no text block
   */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : content) {
      if (block instanceof ContentBlock.Text t) {
        text.append(t.text());
      }
    }
    return text.toString();
  }

  /**
   * Picks out the client tool calls the model asked for, which the caller must answer.
   *
   * @return the {@link ContentBlock.ToolUse} blocks in order, server tool calls not included;
   *     empty if there are none, and a new list at each call
   */
  public List<ContentBlock.ToolUse> toolUses() {
    List<ContentBlock.ToolUse> calls = new ArrayList<>();
    for (ContentBlock block : content) {
      if (block instanceof ContentBlock.ToolUse call) {
        calls.add(call);
      }
    }
    return calls;
  }

  /**
   * Returns the container the code execution tool ran in, as the API sent it ({@code {"id":…,
   * "expires_at":…}}), for the next request to reuse; null if none ran. It is {@code
   * extraFields().get("container")}.
   *
   * @return the container object, or null if the message has none or the API sent {@code null}
   */
  public @Nullable JsonNode container() {
    JsonNode container = extraFields.get("container");
    return container == null || container.isNull() ? null : container;
  }

  /**
   * Lists the context-management edits the API applied before the model read the request, from the
   * response's {@code context_management} (which {@link #extraFields()} keeps as it came).
   *
   * @return the applied edits in order; empty if the response had none
   */
  public List<ContextManagement.AppliedEdit> appliedEdits() {
    JsonNode contextManagement = extraFields.get("context_management");
    List<ContextManagement.AppliedEdit> edits = new ArrayList<>();
    if (contextManagement != null) {
      for (JsonNode edit : contextManagement.path("applied_edits")) {
        edits.add(new ContextManagement.AppliedEdit(edit));
      }
    }
    return edits;
  }

  /**
   * Returns this message as an assistant {@link MessageParam}, to send back in the history: every
   * block with every field it came with, known or not, in its place, except the response-only
   * fields the API's request shape does not accept, which are left out: {@code file_id} in {@code
   * char_location}, {@code page_location} and {@code content_block_location} citations, and a
   * {@code null} {@code caller} (a caller object goes back as it came).
   *
   * @return a message with role {@link Role#ASSISTANT}, ready to append to the next request's
   *     messages
   */
  public MessageParam toParam() {
    return new MessageParam(Role.ASSISTANT, RequestShape.of(content));
  }
}
