package io.screenalytics.launcher;

import io.screenalytics.store.StoreLayout;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.facebank.PhotoFace;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.ArtifactStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code screenalytics facebank add|list|remove}: the cast facebanks of the artifact store
 * ({@code facebanks/<name>.json} plus each seed's photo), edited person by person through the episodes'
 * detect-align-embed path ({@link FacebankLibrary}).
 */
@Command(name = "facebank", mixinStandardHelpOptions = true,
    description = "Manage cast facebanks in the artifact store (facebanks/<name>.json).",
    subcommands = {FacebankCommand.Add.class, FacebankCommand.ListPeople.class, FacebankCommand.Remove.class})
final class FacebankCommand {

  /** Facebank used when {@code --facebank} is not given. */
  static final String DEFAULT = "default";

  /** Options every subcommand takes. */
  static final class Common {
    @Option(names = "--facebank", paramLabel = "NAME", defaultValue = DEFAULT,
        description = "Facebank to work on (default: ${DEFAULT-VALUE}).")
    String facebank;

    @Mixin
    StoreOptions store;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Enrol photos of one person: detect, align and embed every face of each photo and take the "
          + "one the person's photos agree on; a photo whose face is unlike the others, or with several faces none "
          + "of which they agree on, is reported and left out; stores the photos and the seeds (idempotent per "
          + "photo).")
  static final class Add extends UserCommand {
    @Option(names = "--name", required = true, paramLabel = "PERSON",
        description = "The person's name as reports show it.")
    String name;

    @Parameters(arity = "1..*", paramLabel = "PHOTO", description = "Photos of the person (JPEG, PNG, ...).")
    List<Path> photos;

    @Option(names = "--insist", description = "Enrol doubtful photos anyway (the largest face of one with several).")
    boolean insist;

    @Mixin
    Common common;

    @Override
    protected Integer execute() throws Exception {
      Settings settings = common.store.settings();
      PrintWriter out = spec.commandLine().getOut();
      try (ArtifactStore store = StoreOptions.open(settings)) {
        FacebankLibrary.Added added = Enrolment.person(settings, store, common.facebank, name, photos, insist);
        added.photosWithoutFace().forEach(p -> out.printf(Locale.ROOT, "no face found in %s: skipped%n", p));
        added.doubtful().forEach(c -> out.printf(Locale.ROOT, "%s%n", Enrolment.describe(c)));
        if (added.seeds().isEmpty()) {
          out.flush();
          console().error(added.doubtful().isEmpty() ? "no face found in any of the %d photos of %s: nothing added"
              : "none of the %d photos of %s enrolled: nothing added", photos.size(), name);
          return UserErrors.EXIT;
        }
        out.printf(Locale.ROOT, "%s: %d seed%s added for %s (%d in all); facebank %s has %d people, %d seeds%n",
            StoreOptions.describe(store, StoreLayout.facebank(common.facebank)), added.seeds().size(),
            added.seeds().size() == 1 ? "" : "s", name, added.facebank().seeds(name).size(), common.facebank,
            added.facebank().names().size(), added.facebank().seedCount());
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the people of a facebank with their seeds, models and photos, and the other facebanks.")
  static final class ListPeople extends UserCommand {
    @Mixin
    Common common;

    @Override
    protected Integer execute() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (ArtifactStore store = StoreOptions.open(common.store.settings())) {
        FacebankLibrary library = new FacebankLibrary(store);
        List<String> all = library.names();
        Optional<Facebank> bank = library.find(common.facebank);
        if (bank.isEmpty()) {
          spec.commandLine().getErr().printf(Locale.ROOT, "error: no facebank %s in %s; facebanks: %s%n",
              common.facebank, StoreOptions.describe(store, StoreLayout.FACEBANKS), all.isEmpty() ? "none" : all);
          return UserErrors.EXIT;
        }
        out.print(format(common.facebank, bank.get()));
        List<String> others = all.stream().filter(n -> !n.equals(common.facebank)).toList();
        if (!others.isEmpty()) {
          out.printf(Locale.ROOT, "other facebanks: %s%n", String.join(", ", others));
        }
        out.flush();
        return 0;
      }
    }

    /**
     * The facebank as a table: person, seeds, models, photos; each photo seed with the face box used
     * ({@code WxH@x,y}, pixels), the photo's face count when several, and its agreement with the person's other
     * photos ({@link io.screenalytics.identities.facebank.PhotoCheck}).
     */
    static String format(String name, Facebank bank) {
      StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "facebank %s: %d people, %d seeds%n", name,
          bank.names().size(), bank.seedCount()));
      int width = Math.max(6, bank.names().stream().mapToInt(String::length).max().orElse(0));
      s.append(String.format(Locale.ROOT, "%-" + width + "s  %5s  %-12s  %s%n", "person", "seeds", "models", "photos"));
      for (String person : bank.names()) {
        List<FacebankSeed> seeds = bank.seeds(person);
        s.append(String.format(Locale.ROOT, "%-" + width + "s  %5d  %-12s  %s%n", person, seeds.size(),
            String.join(",", new TreeSet<>(seeds.stream().map(FacebankSeed::model).toList())),
            String.join(" ", seeds.stream().map(ListPeople::photo).toList())));
      }
      return s.toString();
    }

    private static String photo(FacebankSeed seed) {
      PhotoFace f = seed.photoFace();
      if (f == null) {
        return seed.sourcePhoto();
      }
      float[] b = f.bboxXyxy();
      return String.format(Locale.ROOT, "%s[face %s@%d,%d%s%s]", seed.sourcePhoto(), f.size(), Math.round(b[0]),
          Math.round(b[1]), f.facesInPhoto() > 1 ? " of " + f.facesInPhoto() : "",
          Double.isNaN(f.agreement()) ? "" : String.format(Locale.ROOT, " agrees %.2f", f.agreement()));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a person (or one of their photos) from a facebank; photos no seed uses are deleted.")
  static final class Remove extends UserCommand {
    @Option(names = "--name", required = true, paramLabel = "PERSON", description = "The person to remove.")
    String name;

    @Option(names = "--photo", paramLabel = "FILE",
        description = "Remove only this photo's seed (its file name or store key as list shows it).")
    String photo;

    @Mixin
    Common common;

    @Override
    protected Integer execute() throws Exception {
      try (ArtifactStore store = StoreOptions.open(common.store.settings())) {
        int removed = new FacebankLibrary(store).remove(common.facebank, name, Optional.ofNullable(photo));
        if (removed == 0) {
          spec.commandLine().getErr().printf(Locale.ROOT, "error: facebank %s has no %s%s%n", common.facebank,
              name, photo == null ? "" : " photo " + photo);
          return UserErrors.EXIT;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "removed %d seed%s of %s from facebank %s%n", removed,
            removed == 1 ? "" : "s", name, common.facebank);
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }
}
