package io.screenalytics.launcher;

import io.screenalytics.launcher.review.ReviewServer;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.StoreLayout;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screenalytics review [--port P]}: the review web application ({@link ReviewServer}) over the store the
 * {@code --out} and {@code store.*} settings name, until interrupted.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = "Serve the review web application: the store's episodes, each with its identities, screen time, "
        + "timeline and evidence, and actions to name, merge, split, reject and undo.")
final class ReviewCommand extends UserCommand {

  @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}; 0: any free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; the application has no authentication).")
  String host;

  @Mixin
  StoreOptions store;

  @Override
  protected Integer execute() throws Exception {
    try (ArtifactStore artifacts = StoreOptions.open(store.settings());
         ReviewServer server = ReviewServer.start(artifacts, host, port)) {
      console().info("review: %s (store %s); Ctrl-C to stop", server.uri(), StoreOptions.describe(artifacts, StoreLayout.EPISODES));
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
