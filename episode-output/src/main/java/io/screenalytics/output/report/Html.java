package io.screenalytics.output.report;

import java.util.Locale;

/** HTML and SVG text helpers. Stateless and thread-safe. */
public final class Html {

  private Html() {}

  /**
   * {@code text} with {@code & < > " '} replaced by character references, safe in element content and
   * in quoted attribute values; null becomes the empty string.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A number for SVG coordinates: at most 2 decimals, {@link Locale#ROOT}, no trailing zeros. */
  static String num(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return "-0".equals(s) ? "0" : s;
  }

  /** {@code String.format} with {@link Locale#ROOT}. */
  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
