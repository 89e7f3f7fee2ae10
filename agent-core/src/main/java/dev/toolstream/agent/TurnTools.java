package dev.toolstream.agent;

import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.RequestTool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools one turn offers: the builder's, then those its {@link ToolSource}s list at the start of
 * the turn, with the request template that declares them all.
 *
 * @param byName every tool of the turn by name, the builder's first
 * @param template the agent's template, with the sources' tools appended to its tool list
 */
record TurnTools(Map<String, ToolSpec> byName, MessageRequest template) {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  /** Asks the agent's sources for their tools now; without sources, the agent's own. */
  static TurnTools of(AgentSettings settings) {
    if (settings.toolSources().isEmpty()) {
      return new TurnTools(settings.tools(), settings.template());
    }
    Map<String, ToolSpec> byName = new LinkedHashMap<>(settings.tools());
    List<RequestTool> definitions = new ArrayList<>(settings.template().tools());
    for (ToolSource source : settings.toolSources()) {
      for (ToolSpec tool : source.tools()) {
        if (byName.putIfAbsent(tool.name(), tool) == null) {
          definitions.add(tool.definition());
        } else {
          log.warn(
              "tool source {} offers a tool named \"{}\", which the agent already has; leaving it"
                  + " out of this turn",
              source,
              tool.name());
        }
      }
    }
    MessageRequest template = settings.template().toBuilder().tools(definitions).build();
    return new TurnTools(Collections.unmodifiableMap(byName), template);
  }
}
