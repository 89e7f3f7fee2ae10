/**
 * A user's application on the module path. Toolstream's jars are automatic modules, named by their
 * Automatic-Module-Name; the tool package is opened to agent-tools, which calls the {@code @Tool}
 * method reflectively, and to Jackson, which builds the tool's record argument.
 */
module app {
  requires dev.toolstream.core;
  requires dev.toolstream.tools;
  requires dev.toolstream.testkit;

  opens app.tools to
      dev.toolstream.tools,
      tools.jackson.databind;
}
