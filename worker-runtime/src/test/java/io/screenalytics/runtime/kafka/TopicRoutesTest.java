package io.screenalytics.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicRoutesTest {

  private static final Emitter NONE = new Emitter() {
    @Override
    public <V> void send(Topic<String, V> topic, String key, V value) {}

    @Override
    public void flush() {}
  };

  @Test
  void shouldHandEachRecordToTheRouteOfItsTopicTyped() throws Exception {
    // Given routes for requests and status events
    List<String> seen = new ArrayList<>();
    TopicRoutes routes = new TopicRoutes()
        .on(Topics.INGEST, (d, out) -> seen.add("request " + d.value().getVideoUri()))
        .on(Topics.STATUS, (d, out) -> seen.add("status " + d.value().getState()));
    EpisodeRequest request = EpisodeRequest.newBuilder().setEpisodeId("ep").setVideoUri("v.mp4")
        .setRequestedAtMs(1L).build();
    EpisodeStatus status = EpisodeStatus.newBuilder().setEpisodeId("ep").setStage("decoder")
        .setState(EpisodeState.STARTED).setAtMs(2L).build();

    // When a status event, a request and a value of a topic without a route arrive
    boolean routed = routes.dispatch(new Delivery<Object>("ep", status, null), NONE);
    routes.dispatch(new Delivery<Object>("ep", request, null), NONE);
    boolean unrouted = routes.dispatch(new Delivery<Object>("ep", "text", null), NONE);

    // Then each went to its own route, in order, and the other was left alone
    assertThat(seen).containsExactly("status STARTED", "request v.mp4");
    assertThat(routed).isTrue();
    assertThat(unrouted).isFalse();
  }

  @Test
  void shouldRefuseTwoRoutesForOneValueType() {
    TopicRoutes routes = new TopicRoutes().on(Topics.INGEST, (d, out) -> {});
    assertThatThrownBy(() -> routes.on(Topics.INGEST, (d, out) -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EpisodeRequest");
  }
}
