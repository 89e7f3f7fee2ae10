package dev.toolstream.messages;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Counts a request's prompt-caching breakpoints against the API's limit of four, so that a request
 * with too many is refused before it is sent rather than by a 400 from the API.
 *
 * <p>A breakpoint is a {@code cache_control} on a system block, a tool, or a block of message
 * content, a tool result's own content included; a block counts whether its {@code cache_control}
 * is typed or kept in its extra fields or raw JSON. Automatic caching (the request's top-level
 * {@code cache_control}) takes a slot too, as the API reference says: with four block breakpoints
 * the API refuses it.
 */
final class CacheBreakpoints {
  /** The most breakpoints a request may have, automatic caching's included. */
  static final int MAX = MessageRequest.MAX_CACHE_BREAKPOINTS;

  private CacheBreakpoints() {}

  /** Returns where the request's block breakpoints are, as paths into its JSON body, in order. */
  static List<String> of(
      List<ContentBlock.Text> system, List<RequestTool> tools, List<MessageParam> messages) {
    List<String> places = new ArrayList<>();
    for (int i = 0; i < system.size(); i++) {
      if (hasBreakpoint(system.get(i))) {
        places.add("system[" + i + "]");
      }
    }
    for (int i = 0; i < tools.size(); i++) {
      if (hasBreakpoint(tools.get(i))) {
        places.add("tools[" + i + "] (" + toolName(tools.get(i)) + ")");
      }
    }
    for (int i = 0; i < messages.size(); i++) {
      addBlocks(places, "messages[" + i + "].content", messages.get(i).content());
    }
    return places;
  }

  /**
   * Throws if the breakpoints and automatic caching together pass {@link #MAX}, naming each one and
   * what to do; {@code automatic} says whether the request asks for automatic caching, typed or as
   * an extra field.
   */
  static void check(
      List<ContentBlock.Text> system,
      List<RequestTool> tools,
      List<MessageParam> messages,
      boolean automatic) {
    List<String> places = of(system, tools, messages);
    int total = places.size() + (automatic ? 1 : 0);
    if (total <= MAX) {
      return;
    }
    StringBuilder message =
        new StringBuilder("the request has ")
            .append(total)
            .append(" cache breakpoints and the API allows ")
            .append(MAX)
            .append(": cache_control on ")
            .append(String.join(", ", places));
    if (automatic) {
      message.append(", and automatic caching (the top-level cache_control), which takes a slot");
    }
    message.append(
        ". Keep cache_control only on the last block of each prefix worth caching on its own");
    if (automatic) {
      message.append(", or turn automatic caching off with cacheControl(null)");
    }
    throw new IllegalStateException(message.append('.').toString());
  }

  private static void addBlocks(List<String> places, String path, List<ContentBlock> blocks) {
    for (int j = 0; j < blocks.size(); j++) {
      ContentBlock block = blocks.get(j);
      if (hasBreakpoint(block)) {
        places.add(path + "[" + j + "]");
      }
      if (block instanceof ContentBlock.ToolResult result) {
        addBlocks(places, path + "[" + j + "].content", result.content());
      }
    }
  }

  private static boolean hasBreakpoint(RequestTool tool) {
    if (tool instanceof ToolDefinition definition) {
      return definition.cacheControl() != null
          || isSet(definition.extraFields().get("cache_control"));
    }
    return isSet(((ServerTool) tool).json().get("cache_control"));
  }

  private static String toolName(RequestTool tool) {
    if (tool instanceof ToolDefinition definition) {
      return definition.name();
    }
    ServerTool server = (ServerTool) tool;
    return server.name() != null ? server.name() : server.type();
  }

  private static boolean hasBreakpoint(ContentBlock block) {
    if (block instanceof ContentBlock.Unknown unknown) {
      return isSet(unknown.json().get("cache_control"));
    }
    return typedCacheControl(block) != null || isSet(block.extraFields().get("cache_control"));
  }

  private static @Nullable CacheControl typedCacheControl(ContentBlock block) {
    if (block instanceof ContentBlock.Text text) {
      return text.cacheControl();
    } else if (block instanceof ContentBlock.Image image) {
      return image.cacheControl();
    } else if (block instanceof ContentBlock.Document document) {
      return document.cacheControl();
    } else if (block instanceof ContentBlock.ToolResult result) {
      return result.cacheControl();
    }
    return null;
  }

  /** Tells whether a {@code cache_control} value read from JSON asks for a breakpoint. */
  static boolean isSet(@Nullable JsonNode cacheControl) {
    return cacheControl != null && !cacheControl.isNull();
  }
}
