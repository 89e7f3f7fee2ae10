package dev.toolstream.mcp;

import dev.toolstream.agent.ToolSource;
import dev.toolstream.agent.ToolSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of several MCP servers, as an agent's {@link ToolSource}: each turn offers the tools
 * each server has then, so a server's {@code tools/list_changed} reaches the next turn.
 *
 * <pre>{@code
 * McpClientTools mcp = McpClientTools.builder()
 *     .connection(files)
 *     .connection(issues)
 *     .besideLocalTools(localTools)
 *     .onNameCollision(NameCollision.PREFIX_WITH_SERVER_NAME)
 *     .build();
 * Agent agent = Agent.builder().client(client).model(model)
 *     .tools(localTools).toolSource(mcp).build();
 * }</pre>
 *
 * <p>Two servers' tools of the same name, or a server's tool named like one of the agent's own, are
 * refused or renamed as {@link NameCollision} says; a tool that comes with a server's changed list
 * never takes the name of a tool offered already. It does not own the connections: close them
 * yourself. Thread-safe.
 *
 * <p>A tool the server annotates {@code idempotentHint: true} or {@code readOnlyHint: true} is
 * {@linkplain ToolSpec#idempotent() idempotent}, so a resumed run may call it again; the hints
 * are the server's word.
 */
public final class McpClientTools implements ToolSource {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.mcp");
  private static final Object LOCAL = new Object();

  private final List<McpConnection> connections;
  private final Set<String> localNames;
  private final NameCollision collisions;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  /** Which server's tool each name was given to, under its own name, at the last gathering. */
  private volatile Map<String, McpConnection> offered = Map.of();

  private McpClientTools(Builder builder) {
    this.connections = List.copyOf(builder.connections);
    this.localNames = Set.copyOf(builder.localNames);
    this.collisions = builder.collisions;
  }

  /**
   * Starts gathering servers' tools.
   *
   * @return a builder with no connections, refusing name collisions
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Lists every server's tools as they are now, named as {@link NameCollision} says.
   *
   * @return the tools, server by server in the order they were added
   */
  @Override
  public List<ToolSpec> tools() {
    List<String> clashes = new ArrayList<>();
    List<ToolSpec> tools = gather(clashes);
    for (String clash : clashes) {
      if (warned.add(clash)) {
        log.warn("{}", clash);
      }
    }
    return tools;
  }

  private List<ToolSpec> gather(List<String> clashes) {
    Map<String, Object> owners = new HashMap<>(); // The agent's (LOCAL) or a connection's.
    localNames.forEach(name -> owners.put(name, LOCAL));
    // A name offered last time stays its tool's while the server has it: a tool that comes later
    // with that name is the newcomer, whichever server was added first. The model may have called
    // the tool by that name, and a call must not reach another server's tool under it.
    Map<String, McpConnection> before = offered;
    List<List<ToolSpec>> listed = new ArrayList<>();
    for (McpConnection connection : connections) {
      List<ToolSpec> tools = connection.tools();
      listed.add(tools);
      for (ToolSpec tool : tools) {
        if (before.get(tool.name()) == connection) {
          owners.putIfAbsent(tool.name(), connection);
        }
      }
    }
    Map<String, McpConnection> offering = new HashMap<>();
    List<ToolSpec> tools = new ArrayList<>();
    for (int i = 0; i < connections.size(); i++) {
      McpConnection connection = connections.get(i);
      for (ToolSpec tool : listed.get(i)) {
        Object owner = owners.putIfAbsent(tool.name(), connection);
        if ((owner == null || owner == connection) && !offering.containsKey(tool.name())) {
          offering.put(tool.name(), connection);
          tools.add(tool);
          continue;
        }
        String clash =
            "the tool \""
                + tool.name()
                + "\" of MCP server \""
                + connection.name()
                + "\" has the name of a tool of "
                + describe(owner);
        String prefixed = connection.name() + "_" + tool.name();
        if (collisions == NameCollision.PREFIX_WITH_SERVER_NAME
            && prefixed.length() <= 64
            && owners.putIfAbsent(prefixed, connection) == null) {
          clashes.add(clash + ": offering it as \"" + prefixed + "\"");
          tools.add(connection.renamed(tool, prefixed));
        } else {
          clashes.add(clash + ": leaving it out");
        }
      }
    }
    offered = Map.copyOf(offering);
    return List.copyOf(tools);
  }

  private static String describe(@Nullable Object owner) {
    return owner instanceof McpConnection connection
        ? "MCP server \"" + connection.name() + "\""
        : "the agent's own tools";
  }

  @Override
  public String toString() {
    return "McpClientTools" + connections;
  }

  /** Gathers connections and says how to treat name collisions. */
  public static final class Builder {
    private final List<McpConnection> connections = new ArrayList<>();
    private final Set<String> localNames = new LinkedHashSet<>();
    private NameCollision collisions = NameCollision.REFUSE;

    private Builder() {}

    /**
     * Offers the tools of {@code connection}, after those of the connections added before.
     *
     * @param connection an open connection, which stays the caller's to close
     * @return this builder
     */
    public Builder connection(McpConnection connection) {
      connections.add(Objects.requireNonNull(connection, "connection == null"));
      return this;
    }

    /**
     * Names the agent's own tools, so that a server's tool of the same name is refused or renamed.
     * They are not offered by this source: give them to the agent's builder.
     *
     * @param localTools the tools the agent is built with
     * @return this builder
     */
    public Builder besideLocalTools(Collection<ToolSpec> localTools) {
      localTools.forEach(tool -> localNames.add(tool.name()));
      return this;
    }

    /**
     * Says what to do when two tools would have the same name. Default {@link
     * NameCollision#REFUSE}.
     *
     * @param collisions the rule
     * @return this builder
     */
    public Builder onNameCollision(NameCollision collisions) {
      this.collisions = Objects.requireNonNull(collisions, "collisions == null");
      return this;
    }

    /**
     * Checks the servers' current tool names and makes the source.
     *
     * @return the source
     * @throws IllegalArgumentException under {@link NameCollision#REFUSE}, if two tools would have
     *     the same name; the message names the tool and both owners
     */
    public McpClientTools build() {
      McpClientTools tools = new McpClientTools(this);
      List<String> clashes = new ArrayList<>();
      tools.gather(clashes);
      if (!clashes.isEmpty()) {
        if (collisions == NameCollision.REFUSE) {
          throw new IllegalArgumentException(
              String.join("; ", clashes)
                  + ". Rename the tools, or use"
                  + " onNameCollision(NameCollision.PREFIX_WITH_SERVER_NAME)");
        }
        clashes.forEach(clash -> log.info("{}", clash));
        tools.warned.addAll(clashes);
      }
      return tools;
    }
  }
}
