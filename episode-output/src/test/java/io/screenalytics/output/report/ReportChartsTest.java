package io.screenalytics.output.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportChartsTest {

  @Test
  void shouldPickReadableTickSteps() {
    assertThat(ReportCharts.tickStep(10)).isEqualTo(1);
    assertThat(ReportCharts.tickStep(45)).isEqualTo(5);
    assertThat(ReportCharts.tickStep(44 * 60)).isEqualTo(300);
    assertThat(ReportCharts.tickStep(3 * 3600)).isEqualTo(900);
  }
}
