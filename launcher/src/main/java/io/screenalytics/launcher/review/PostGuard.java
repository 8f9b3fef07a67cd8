package io.screenalytics.launcher.review;

import com.sun.net.httpserver.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps other web pages from acting through the review application (cross-site request forgery), after OWASP's
 * CSRF Prevention Cheat Sheet:
 *
 * <ul>
 *   <li><b>Synchronizer token</b> (the primary defence): a random token of 256 bits per server run (the session: the
 *       application has no login) is embedded in every form the pages serve ({@link #FIELD}); a post without it,
 *       or with another, is refused. A foreign page cannot read it: the same-origin policy keeps the pages from it.
 *   <li><b>Origin check</b> (defence in depth): a post whose {@code Origin} header, or when that is absent whose
 *       {@code Referer}, names another origin than the one the request was sent to ({@code http://} + its
 *       {@code Host}) is refused, as is {@code Origin: null}. A post with neither header (a browser that strips
 *       them, a script) is judged by the token alone, as the cheat sheet allows where a token is the primary
 *       defence.
 *   <li><b>Host check</b> (against DNS rebinding, which would make a foreign page same-origin): while bound to a
 *       loopback address, a request for any host but {@code localhost}, {@code 127.0.0.1} or {@code [::1]} is
 *       refused, so a rebound page can neither read the token nor post.
 * </ul>
 *
 * Thread-safe.
 */
final class PostGuard {

  /** Name of the form field that carries the token. */
  static final String FIELD = "csrf";

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final String token;
  private final boolean loopback;

  /** A guard with a new random token, for a server bound to {@code bound}. */
  PostGuard(InetSocketAddress bound) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    this.loopback = bound.getAddress() != null && bound.getAddress().isLoopbackAddress();
  }

  /** The token the pages embed in their forms. */
  String token() {
    return token;
  }

  /**
   * Why a request must be refused whatever it asks for (a host name that is not the loopback's while bound to it),
   * or empty.
   */
  Optional<String> refuseHost(Headers headers) {
    String host = headers.getFirst("Host");
    if (!loopback || host == null) {
      return Optional.empty();
    }
    String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    return LOOPBACK_NAMES.contains(name) ? Optional.empty()
        : Optional.of("refused: host " + host + " is not this loopback server");
  }

  /**
   * Why a post must be refused (one line), or empty when it comes from a form this server served.
   *
   * @param headers the request's headers
   * @param form    the decoded form fields
   */
  Optional<String> refusePost(Headers headers, Map<String, String> form) {
    String target = "http://" + String.valueOf(headers.getFirst("Host")).toLowerCase(Locale.ROOT);
    String origin = headers.getFirst("Origin");
    if (origin != null && !origin.strip().equalsIgnoreCase(target)) {
      return Optional.of("refused: cross-origin post from " + origin.strip());
    }
    String referer = headers.getFirst("Referer");
    if (origin == null && referer != null && !target.equals(originOf(referer))) {
      return Optional.of("refused: cross-origin post from " + referer.strip());
    }
    String given = form.get(FIELD);
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of("refused: the form's token is missing or stale; reload the page and try again");
    }
    return Optional.empty();
  }

  /** {@code scheme://host[:port]} of {@code url} in lower case, or empty when it is not an absolute URL. */
  private static String originOf(String url) {
    try {
      URI u = URI.create(url.strip());
      if (u.getScheme() == null || u.getRawAuthority() == null) {
        return "";
      }
      return (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
