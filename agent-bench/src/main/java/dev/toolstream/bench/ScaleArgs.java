package dev.toolstream.bench;

/**
 * The command line of the scale harnesses: how many runs or streams (10,000 when not given), and
 * whether they take platform threads, which they do on a runtime without virtual threads or with
 * {@code --platform}.
 *
 * @param count how many at once
 * @param platform whether each takes platform threads (the library's defaults)
 */
record ScaleArgs(int count, boolean platform) {
  /** Reads {@code [count] [--platform]}, in either order. */
  static ScaleArgs parse(String[] args) {
    int count = 10_000;
    boolean platform = !VirtualThreads.available();
    for (String arg : args) {
      if (arg.equals("--platform")) {
        platform = true;
      } else {
        count = Integer.parseInt(arg);
      }
    }
    return new ScaleArgs(count, platform);
  }
}
