package io.screenalytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the project's Markdown files ({@code [text](path#anchor)}, outside fenced code) leads to a
 * file that exists and, for an anchor into a Markdown file, to one of its headings (GitHub's anchor rule: lower case,
 * punctuation other than {@code -} and {@code _} dropped, spaces to hyphens). Links with a scheme are not followed.
 */
class DocLinksTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);
  private static final Pattern HEADING = Pattern.compile("^#+ (.*)$", Pattern.MULTILINE);

  @Test
  void shouldLeadEveryRelativeLinkToAFileAndHeading() throws IOException {
    Path root = DeploymentFiles.root();
    List<Path> docs;
    try (Stream<Path> files = Files.walk(root)) {
      docs = files.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !root.relativize(p).toString().matches("(.*[/\\\\])?(target|\\.git|node_modules)[/\\\\].*"))
          .toList();
    }
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path doc : docs) {
      Matcher m = LINK.matcher(FENCE.matcher(Files.readString(doc)).replaceAll(""));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) continue;
        links++;
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
        if (!Files.exists(file)) {
          broken.add(root.relativize(doc) + ": " + target + " (no such file)");
        } else if (hash >= 0 && file.toString().endsWith(".md")
            && !anchors(file).contains(target.substring(hash + 1))) {
          broken.add(root.relativize(doc) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(links).as("relative links found").isGreaterThan(20);
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void shouldMakeAnchorsAsGitHubDoes() {
    assertThat(anchor("Facebanks, rescore, evaluation")).isEqualTo("facebanks-rescore-evaluation");
    assertThat(anchor("Kubernetes (`deploy/k8s`, kustomize)")).isEqualTo("kubernetes-deployk8s-kustomize");
  }

  private static List<String> anchors(Path markdown) throws IOException {
    Matcher m = HEADING.matcher(FENCE.matcher(Files.readString(markdown)).replaceAll(""));
    List<String> out = new ArrayList<>();
    while (m.find()) out.add(anchor(m.group(1)));
    return out;
  }

  /** GitHub's anchor of a heading. */
  static String anchor(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
  }
}
