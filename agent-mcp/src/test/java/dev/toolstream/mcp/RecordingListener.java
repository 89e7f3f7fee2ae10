package dev.toolstream.mcp;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records an {@link McpListener}'s events as lines, such as {@code failed srv <problem>}. */
final class RecordingListener implements McpListener {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @Override
  public void onServerFailed(String serverName, String problem) {
    events.add("failed " + serverName + " " + problem);
  }

  @Override
  public void onCallCancelled(String serverName, String toolName) {
    events.add("cancelled " + serverName + " " + toolName);
  }

  @Override
  public void onToolsChanged(String serverName, List<String> toolNames) {
    events.add("changed " + serverName + " " + toolNames);
  }

  @Override
  public void onReconnected(String serverName) {
    events.add("reconnected " + serverName);
  }

  /** Waits for an event starting with {@code prefix}, dropping others; a bound, not a sleep. */
  boolean await(String prefix) throws InterruptedException {
    return next(prefix) != null;
  }

  /** Waits for an event starting with {@code prefix}, dropping others; null if none came. */
  String next(String prefix) throws InterruptedException {
    while (true) {
      String event = events.poll(10, TimeUnit.SECONDS);
      if (event == null || event.startsWith(prefix)) {
        return event;
      }
    }
  }
}
