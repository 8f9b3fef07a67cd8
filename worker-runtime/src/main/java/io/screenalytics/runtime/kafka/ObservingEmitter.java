package io.screenalytics.runtime.kafka;

import io.screenalytics.schemas.Topic;

/**
 * The emitter a loop hands its handler: sends through the service's emitter, then tells the loop's observer, and
 * (unless it serves a rebalance callback) offers the observer a place to pause.
 */
final class ObservingEmitter implements Emitter {

  private final Emitter delegate;
  private final LoopObserver observer;
  private final boolean pausable;

  ObservingEmitter(Emitter delegate, LoopObserver observer, boolean pausable) {
    this.delegate = delegate;
    this.observer = observer;
    this.pausable = pausable;
  }

  @Override
  public <V> void send(Topic<String, V> topic, String key, V value) {
    delegate.send(topic, key, value);
    observer.sent(topic, value);
    if (pausable) {
      observer.pausePoint();
    }
  }

  @Override
  public void flush() {
    delegate.flush();
  }
}
