package dev.toolstream.tools;

import static dev.toolstream.tools.Harness.call;
import static dev.toolstream.tools.Harness.json;
import static dev.toolstream.tools.Harness.property;
import static dev.toolstream.tools.Harness.tool;
import static dev.toolstream.tools.Harness.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** java.time types as ISO strings with a format: schema, binding, rejection. */
final class TimeShapesTest {

  @Test
  void localDateIsStringWithFormatDate() throws Exception {
    class Tools {
      LocalDate got;

      @Tool(description = "d")
      void t(LocalDate day) {
        got = day;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "day")).isEqualTo(json("{\"type\":\"string\",\"format\":\"date\"}"));
    call(spec, "{\"day\":\"2025-03-14\"}");
    assertThat(tools.got).isEqualTo(LocalDate.of(2025, 3, 14));
    assertThat(violations(spec, "{\"day\":{\"year\":2025}}"))
        .singleElement()
        .asString()
        .contains("$.day");
  }

  @Test
  void instantAndOffsetDateTimeAreStringsWithFormatDateTime() throws Exception {
    class Tools {
      Object[] got;

      @Tool(description = "d")
      void t(Instant at, OffsetDateTime local) {
        got = new Object[] {at, local};
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    JsonNode dateTime = json("{\"type\":\"string\",\"format\":\"date-time\"}");
    assertThat(property(spec, "at")).isEqualTo(dateTime);
    assertThat(property(spec, "local")).isEqualTo(dateTime);
    call(spec, "{\"at\":\"2025-03-14T09:26:53Z\",\"local\":\"2025-03-14T10:26:53+01:00\"}");
    assertThat(tools.got)
        .containsExactly(
            Instant.parse("2025-03-14T09:26:53Z"),
            OffsetDateTime.of(2025, 3, 14, 10, 26, 53, 0, ZoneOffset.ofHours(1)));
    assertThat(violations(spec, "{\"at\":1741944413,\"local\":\"2025-03-14T10:26:53+01:00\"}"))
        .singleElement()
        .asString()
        .contains("$.at");
  }

  @Test
  void localTimeIsStringWithoutTimeFormat() throws Exception {
    class Tools {
      LocalTime got;

      @Tool(description = "d")
      void t(LocalTime at) {
        got = at;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    // "time" is RFC 3339's full-time, which demands an offset ("09:30:00Z") that a LocalTime
    // does not read: a model held to that format could never call the tool.
    assertThat(property(spec, "at")).isEqualTo(json("{\"type\":\"string\"}"));
    call(spec, "{\"at\":\"09:30:00\"}");
    assertThat(tools.got).isEqualTo(LocalTime.of(9, 30));
    assertThat(violations(spec, "{\"at\":930}")).singleElement().asString().contains("$.at");
  }

  @Test
  void offsetTimeIsStringWithFormatTime() throws Exception {
    class Tools {
      OffsetTime got;

      @Tool(description = "d")
      void t(OffsetTime at) {
        got = at;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "at")).isEqualTo(json("{\"type\":\"string\",\"format\":\"time\"}"));
    call(spec, "{\"at\":\"09:30:00+01:00\"}");
    assertThat(tools.got).isEqualTo(OffsetTime.of(9, 30, 0, 0, ZoneOffset.ofHours(1)));
  }

  @Test
  void yearMonthMonthDayAndYearTakeTheValuesTheyBindFrom() throws Exception {
    class Tools {
      Object[] got;

      @Tool(description = "d")
      void t(YearMonth month, MonthDay birthday, Year year) {
        got = new Object[] {month, birthday, year};
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);

    call(spec, "{\"month\":\"2025-03\",\"birthday\":\"--03-14\",\"year\":2025}");

    assertThat(tools.got)
        .containsExactly(YearMonth.of(2025, 3), MonthDay.of(3, 14), Year.of(2025));
    assertThat(violations(spec, "{\"month\":{\"year\":2025,\"month\":3},"
            + "\"birthday\":\"--03-14\",\"year\":2025}"))
        .singleElement()
        .asString()
        .contains("$.month");
  }

  @Test
  void durationIsAStringOfTheFormsDurationReads() throws Exception {
    class Tools {
      Duration got;

      @Tool(description = "d")
      void t(Duration timeout) {
        got = timeout;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    // Format "duration" (RFC 3339) also allows weeks, months and years, which a Duration refuses.
    assertThat(property(spec, "timeout").has("format")).isFalse();
    call(spec, "{\"timeout\":\"PT1M30S\"}");
    assertThat(tools.got).isEqualTo(Duration.ofSeconds(90));
    call(spec, "{\"timeout\":\"P2DT0.5S\"}");
    assertThat(tools.got).isEqualTo(Duration.ofDays(2).plusMillis(500));
    for (String refused : new String[] {"90", "\"P1W\"", "\"P1M\"", "\"P1Y\"", "\"PT\""}) {
      assertThat(violations(spec, "{\"timeout\":" + refused + "}"))
          .as(refused)
          .singleElement()
          .asString()
          .contains("$.timeout");
    }
  }

  @Test
  void periodIsAStringOfTheFormsPeriodReads() throws Exception {
    class Tools {
      Period got;

      @Tool(description = "d")
      void t(Period stay) {
        got = stay;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    assertThat(property(spec, "stay").has("format")).isFalse();
    call(spec, "{\"stay\":\"P1Y2M3W4D\"}");
    assertThat(tools.got).isEqualTo(Period.of(1, 2, 25));
    call(spec, "{\"stay\":\"P2W\"}");
    assertThat(tools.got).isEqualTo(Period.ofWeeks(2));
    for (String refused : new String[] {"\"PT1H\"", "\"P\"", "\"P1DT1H\"", "3"}) {
      assertThat(violations(spec, "{\"stay\":" + refused + "}"))
          .as(refused)
          .singleElement()
          .asString()
          .contains("$.stay");
    }
  }

  @Test
  void localDateTimeIsStringWithoutOffsetFormat() throws Exception {
    class Tools {
      LocalDateTime got;

      @Tool(description = "d")
      void t(LocalDateTime at) {
        got = at;
      }
    }
    Tools tools = new Tools();
    ToolSpec spec = tool(tools);
    // "date-time" would demand an offset that a LocalDateTime does not have.
    assertThat(property(spec, "at")).isEqualTo(json("{\"type\":\"string\"}"));
    call(spec, "{\"at\":\"2025-03-14T09:26:53\"}");
    assertThat(tools.got).isEqualTo(LocalDateTime.of(2025, 3, 14, 9, 26, 53));
    assertThat(violations(spec, "{\"at\":false}")).singleElement().asString().contains("$.at");
  }
}
