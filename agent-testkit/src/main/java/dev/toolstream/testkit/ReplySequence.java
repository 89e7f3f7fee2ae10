package dev.toolstream.testkit;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A script that hands out a fixed list of replies in order. Thread-safe. */
final class ReplySequence implements Script {
  private final List<Reply> replies;
  private final AtomicInteger next = new AtomicInteger();

  ReplySequence(List<? extends Reply> replies) {
    this.replies = List.copyOf(replies);
  }

  @Override
  public Reply reply(RecordedRequest request) {
    int index = next.getAndIncrement();
    if (index < replies.size()) {
      return replies.get(index);
    }
    return ErrorReply.of(
            500,
            "api_error",
            "ScriptedClaude has no reply for request "
                + request.sequenceNumber()
                + ": the script holds "
                + replies.size()
                + " replies. Add replies to the script, or write it as a function of the request.")
        .shouldRetry(false);
  }
}
