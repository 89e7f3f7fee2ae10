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
  public MessageParam {
    Objects.requireNonNull(role, "role == null");
    content = List.copyOf(content);
  }

  /** Returns a user message holding one text block. */
  public static MessageParam user(String text) {
    return new MessageParam(Role.USER, List.of(ContentBlock.text(text)));
  }

  /** Returns a user message holding {@code content}. */
  public static MessageParam user(List<? extends ContentBlock> content) {
    return new MessageParam(Role.USER, List.copyOf(content));
  }

  /** Returns an assistant message holding one text block. */
  public static MessageParam assistant(String text) {
    return new MessageParam(Role.ASSISTANT, List.of(ContentBlock.text(text)));
  }

  /** Returns an assistant message holding {@code content}. */
  public static MessageParam assistant(List<? extends ContentBlock> content) {
    return new MessageParam(Role.ASSISTANT, List.copyOf(content));
  }
}
