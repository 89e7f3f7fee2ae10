package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import java.util.List;

/**
 * What of a history a request needs once the API has compacted it. The API reads a conversation
 * from its last {@code compaction} block on and ignores every block before it, so the messages
 * before the one that holds that block go unsent: a long run's requests stop growing with each
 * compaction. A block without a summary (a compaction that failed) replaces nothing, so the
 * messages before it are kept. The run's own history keeps everything.
 */
final class CompactedHistory {
  private CompactedHistory() {}

  /** Returns {@code history} from the last message holding a summary on, or all of it. */
  static List<MessageParam> toSend(List<MessageParam> history) {
    for (int i = history.size() - 1; i > 0; i--) {
      for (ContentBlock block : history.get(i).content()) {
        if (block instanceof ContentBlock.Compaction compaction && compaction.hasSummary()) {
          return history.subList(i, history.size());
        }
      }
    }
    return history;
  }
}
