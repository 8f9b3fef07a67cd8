package io.screenalytics.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package dependencies of one source tree ({@code <module>/src/main/java}), read from its Java files: each file's
 * {@code package} line against its {@code import} lines (static ones too) and the fully qualified names in its code
 * (comments and string literals left out), kept only where both ends are packages of the same tree. A package is a
 * reference's segments up to the first that starts with a capital letter ({@code a.b.C.D} is in {@code a.b}).
 * Cycles are the strongly connected components of more than one package (Tarjan, 1972).
 */
final class PackageGraph {

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
      Pattern.MULTILINE);
  private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z_]\\w*\\.)+[A-Z]\\w*)");
  private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
      "/\\*.*?\\*/|//[^\\n]*|\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\"|'[^'\\\\]*(?:\\\\.[^'\\\\]*)*'", Pattern.DOTALL);

  /** Package to the packages it uses, and each edge's first file, for the message. */
  private final Map<String, Map<String, String>> edges = new TreeMap<>();

  private PackageGraph() {}

  /**
   * Reads every {@code .java} file under {@code sourceRoot}.
   *
   * @throws UncheckedIOException when a file cannot be read
   */
  static PackageGraph of(Path sourceRoot) {
    PackageGraph g = new PackageGraph();
    Map<Path, String> packages = new HashMap<>();
    Map<Path, String> code = new HashMap<>();
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String src = Files.readString(f);
        Matcher m = PACKAGE.matcher(src);
        if (m.find()) {
          packages.put(f, m.group(1));
          code.put(f, src);
          g.edges.computeIfAbsent(m.group(1), k -> new TreeMap<>());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (var e : packages.entrySet()) {
      String from = e.getValue();
      String src = code.get(e.getKey());
      Set<String> used = new TreeSet<>();
      Matcher imports = IMPORT.matcher(src);
      while (imports.find()) {
        used.add(packageOf(imports.group(1)));
      }
      Matcher qualified = QUALIFIED.matcher(COMMENTS_AND_STRINGS.matcher(IMPORT.matcher(src).replaceAll(""))
          .replaceAll(" "));
      while (qualified.find()) {
        used.add(packageOf(qualified.group(1)));
      }
      for (String to : used) {
        if (!to.equals(from) && g.edges.containsKey(to)) {
          g.edges.get(from).putIfAbsent(to, sourceRoot.relativize(e.getKey()).toString());
        }
      }
    }
    return g;
  }

  /** The package of a qualified name: its segments up to the first capitalised one. */
  static String packageOf(String name) {
    List<String> segments = new ArrayList<>();
    for (String s : name.split("\\.")) {
      if (!s.isEmpty() && Character.isUpperCase(s.charAt(0))) break;
      segments.add(s);
    }
    return String.join(".", segments);
  }

  /**
   * The cycles, each as its packages with every edge inside it ({@code a -> b (File.java)}), sorted; empty when
   * the packages form a DAG.
   */
  List<String> cycles() {
    List<String> out = new ArrayList<>();
    for (Set<String> scc : stronglyConnected()) {
      if (scc.size() < 2) continue;
      List<String> inside = new ArrayList<>();
      for (String from : scc) {
        edges.get(from).forEach((to, file) -> {
          if (scc.contains(to)) inside.add(from + " -> " + to + " (" + file + ")");
        });
      }
      out.add(scc + ": " + String.join(", ", inside));
    }
    return out;
  }

  private List<Set<String>> stronglyConnected() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    for (String v : edges.keySet()) {
      if (!index.containsKey(v)) strongConnect(v, index, low, stack, onStack, out);
    }
    return out;
  }

  private void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : edges.get(v).keySet()) {
      if (!index.containsKey(w)) {
        strongConnect(w, index, low, stack, onStack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> scc = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        scc.add(w);
      } while (!w.equals(v));
      out.add(scc);
    }
  }
}
