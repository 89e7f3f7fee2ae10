package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolSpec;
import org.junit.jupiter.api.Test;

/** {@code @Tool(idempotent, requiresApproval)} reach the tool's spec; both are off unless set. */
final class DurableToolAttributesTest {
  @Test
  void anIdempotentToolIsOneAResumedRunMayRunAgain() {
    final class Lookups {
      @Tool(description = "Looks a room up.", idempotent = true)
      String find_room(String name) {
        return name;
      }
    }

    ToolSpec spec = Harness.tool(new Lookups());

    assertThat(spec.idempotent()).isTrue();
    assertThat(spec.requiresApproval()).isFalse();
  }

  @Test
  void aToolThatRequiresApprovalWaitsForAPerson() {
    final class Bookings {
      @Tool(description = "Books a room.", requiresApproval = true)
      String book_room(String name) {
        return name;
      }
    }

    ToolSpec spec = Harness.tool(new Bookings());

    assertThat(spec.requiresApproval()).isTrue();
    assertThat(spec.idempotent()).isFalse();
  }

  @Test
  void aPlainToolIsNeitherIdempotentNorGated() {
    final class Mail {
      @Tool(description = "Sends a mail.")
      String send_mail(String to) {
        return to;
      }
    }

    ToolSpec spec = Harness.tool(new Mail());

    assertThat(spec.idempotent()).isFalse();
    assertThat(spec.requiresApproval()).isFalse();
  }
}
