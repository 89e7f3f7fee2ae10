package dev.toolstream.messages;

import java.util.List;
import java.util.Objects;

/**
 * One message of the conversation sent to the API.
 *
 * @param role who wrote it
 * @param content its blocks, in order
 */
public record MessageParam(Role role, List<ContentBlock> content) {
  /**
   * Checks the role is present and copies the content.
   *
   * @param role who wrote it, not null
   * @param content the blocks, copied; no null element
   */
  public MessageParam {
    Objects.requireNonNull(role, "role == null");
    content = List.copyOf(content);
  }

  /**
   * Makes the common user turn: one text, such as a question.
   *
   * @param text what the user says
   * @return a {@link Role#USER} message with one text block
   */
  public static MessageParam user(String text) {
    return new MessageParam(Role.USER, List.of(ContentBlock.text(text)));
  }

  /**
   * Makes a user turn of several blocks, such as an image and a question, or tool results.
   *
   * @param content the blocks in order; copied
   * @return a {@link Role#USER} message
   */
  public static MessageParam user(List<? extends ContentBlock> content) {
    return new MessageParam(Role.USER, List.copyOf(content));
  }

  /**
   * Makes an assistant turn of one text, such as a reply put in the history by hand or a prefill
   * the model continues.
   *
   * @param text what the assistant said
   * @return a {@link Role#ASSISTANT} message with one text block
   */
  public static MessageParam assistant(String text) {
    return new MessageParam(Role.ASSISTANT, List.of(ContentBlock.text(text)));
  }

  /**
   * Makes an assistant turn of several blocks; to send back a received message whole, use {@link
   * Message#toParam()}.
   *
   * @param content the blocks in order; copied
   * @return a {@link Role#ASSISTANT} message
   */
  public static MessageParam assistant(List<? extends ContentBlock> content) {
    return new MessageParam(Role.ASSISTANT, List.copyOf(content));
  }
}
