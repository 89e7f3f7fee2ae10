package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Configuration mistakes fail at once, with a message that says what to do. */
final class ConfigurationTest {

  @Test
  void buildingWithoutAScriptSaysToSetOne() {
    assertThatThrownBy(() -> ScriptedClaude.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("No script: call script(...) or replies(...) before build()");
  }

  @Test
  void baseUrlBeforeStartSaysToStart() {
    ScriptedClaude claude = ScriptedClaude.builder().replies(Turn.text("Hi")).build();

    assertThatThrownBy(claude::baseUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ScriptedClaude is not started; call start() first");
  }

  @Test
  void baseUrlIsLoopbackWithThePortAndNoTrailingSlash() {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hi"))) {
      assertThat(claude.baseUrl()).isEqualTo("http://127.0.0.1:" + claude.port());
    }
  }

  @Test
  void chunkSizeBelowOneByteIsRejected() {
    assertThatThrownBy(() -> Chunking.bytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Chunk size must be at least 1 byte, was 0");
  }

  @Test
  void errorStatusOutsideFourAndFiveHundredsIsRejected() {
    assertThatThrownBy(() -> ErrorReply.of(302, "api_error", "moved"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("An error status is 400 to 599, was 302");
  }
}
