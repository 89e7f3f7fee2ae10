package dev.toolstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Percentiles are nearest-rank over the samples, whatever their order. */
class DeliveryLatencyTest {
  @Test
  void percentileIsTheNearestRank() {
    long[] samples = {50, 10, 40, 20, 30, 60, 70, 80, 90, 100};

    assertThat(DeliveryLatency.percentile(samples, 0.50)).isEqualTo(50);
    assertThat(DeliveryLatency.percentile(samples, 0.99)).isEqualTo(100);
    assertThat(DeliveryLatency.percentile(samples, 0.10)).isEqualTo(10);
  }
}
