package dev.toolstream.messages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code anthropic-beta} values a request is sent with. A feature still in beta implies its
 * header, so a caller never names it; a value the caller names for the same feature (the same name
 * before its date, such as {@code mcp-client-2025-04-04} for {@code mcp-client-2025-11-20}) takes
 * the implied one's place.
 */
final class Betas {
  private Betas() {}

  /** The betas the request's own features need, in a fixed order. */
  static List<String> implied(MessageRequest request) {
    List<String> implied = new ArrayList<>();
    // Each feature still in beta adds its value here, when the request uses it.
    if (McpServer.usedBy(request)) implied.add(McpServer.BETA);
    if (request.contextManagement() != null && request.contextManagement().clears()) {
      implied.add(ContextManagement.CONTEXT_MANAGEMENT_BETA);
    }
    if (request.contextManagement() != null && request.contextManagement().compacts()) {
      implied.add(ContextManagement.COMPACT_BETA);
    }
    if (request.thinking() != null && request.thinking().needsInterleavedBeta()) {
      implied.add(ThinkingConfig.INTERLEAVED_BETA);
    }
    return implied;
  }

  /**
   * Joins the implied betas with the caller's: the caller's come after, each in the first place
   * it appears, and an implied value yields to a caller's value for the same feature.
   */
  static List<String> merge(List<String> implied, List<String> named) {
    Set<String> features = new LinkedHashSet<>();
    for (String beta : named) {
      features.add(feature(beta));
    }
    Set<String> all = new LinkedHashSet<>();
    for (String beta : implied) {
      if (!features.contains(feature(beta))) {
        all.add(beta);
      }
    }
    all.addAll(named);
    return List.copyOf(all);
  }

  /** The feature a beta value names: the value without its trailing {@code -YYYY-MM-DD}. */
  static String feature(String beta) {
    return beta.matches(".*-\\d{4}-\\d{2}-\\d{2}") ? beta.substring(0, beta.length() - 11) : beta;
  }
}
