package io.screenalytics.identities.screentime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenTimeTableTest {

  @Test
  void shouldFormatAnAlignedTable() {
    String table = ScreenTimeTable.format(List.of(
        new ScreenTime("lisa", "Lisa", 312.4, 0.1162, 3.2, 2650.0, 41, 1500, 1562),
        new ScreenTime("unknown_01", null, 20.0, 0.0074, 720.0, 740.0, 2, 100, 100)));
    assertThat(table).isEqualTo(""
        + "identity    name  seconds  share  first-last       tracks\n"
        + "lisa        Lisa    312.4  11.6%  0:03.2-44:10.0       41\n"
        + "unknown_01  -        20.0   0.7%  12:00.0-12:20.0       2\n");
  }

  @Test
  void shouldFormatClockTimes() {
    assertThat(ScreenTimeTable.clock(0)).isEqualTo("0:00.0");
    assertThat(ScreenTimeTable.clock(59.96)).isEqualTo("1:00.0");
    assertThat(ScreenTimeTable.clock(3725.25)).isEqualTo("1:02:05.3");
    assertThat(ScreenTimeTable.clock(Double.NaN)).isEqualTo("-");
  }
}
