package io.screenalytics.video.decode;

import io.screenalytics.video.decode.VideoDecodeException.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a location in plain Java before FFmpeg sees it, so that the common bad inputs fail fast with a
 * precise reason (FFmpeg would block on a pipe, and says only "invalid data" for most other problems).
 */
final class InputFile {

  /** A URL with a scheme other than {@code file}: {@code http://}, {@code rtsp://}, ... */
  private static final Pattern OTHER_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  /** Box types that may open an ISO base media file (MP4, MOV, 3GP, fragmented MP4). */
  private static final Set<String> FIRST_BOX_TYPES =
      Set.of("ftyp", "styp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid", "sidx", "moof");
  /** Bound on the boxes walked, so a pathological file cannot keep the scan busy. */
  private static final int MAX_BOXES = 100_000;

  private InputFile() {
  }

  /**
   * Layout of an ISO base media file (MP4/MOV) as its top-level boxes declare it.
   *
   * @param isoBmff whether the file starts like an ISO base media file
   * @param hasIndex whether a {@code moov} box (the index FFmpeg needs) is present
   * @param truncation why the file looks cut short, or {@code null} when every box fits in the file
   */
  record IsoBmffLayout(boolean isoBmff, boolean hasIndex, String truncation) {
    static final IsoBmffLayout NOT_ISO_BMFF = new IsoBmffLayout(false, false, null);
  }

  /**
   * Turns a local path or {@code file:} URI into an absolute path.
   *
   * @throws VideoDecodeException {@link Reason#INVALID_LOCATION} for blank input, other URL schemes and
   *     malformed paths or URIs
   */
  static Path resolve(String location) {
    if (location == null || location.isBlank()) {
      throw new VideoDecodeException(Reason.INVALID_LOCATION, String.valueOf(location), "no location given");
    }
    try {
      if (location.regionMatches(true, 0, "file:", 0, 5)) {
        return Path.of(URI.create(location)).toAbsolutePath();
      }
      if (OTHER_SCHEME.matcher(location).matches()) {
        throw new VideoDecodeException(Reason.INVALID_LOCATION, location,
            "only local paths and file: URIs are supported");
      }
      return Path.of(location).toAbsolutePath();
    } catch (IllegalArgumentException e) { // includes InvalidPathException
      throw new VideoDecodeException(Reason.INVALID_LOCATION, location, "not a valid path or file: URI", e);
    }
  }

  /**
   * Checks that {@code path} is a non-empty regular file this process may read.
   *
   * @return the file size in bytes
   * @throws VideoDecodeException {@link Reason#NOT_FOUND}, {@link Reason#UNREADABLE} or
   *     {@link Reason#EMPTY_FILE}
   */
  static long checkReadable(Path path, String location) {
    if (!Files.exists(path)) {
      throw new VideoDecodeException(Reason.NOT_FOUND, location, "no such file: " + path);
    }
    if (!Files.isRegularFile(path)) {
      throw new VideoDecodeException(Reason.UNREADABLE, location,
          "not a regular file (a directory, pipe or device): " + path);
    }
    if (!Files.isReadable(path)) {
      throw new VideoDecodeException(Reason.UNREADABLE, location, "no permission to read " + path);
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new VideoDecodeException(Reason.UNREADABLE, location, "cannot read the size of " + path, e);
    }
    if (size == 0) {
      throw new VideoDecodeException(Reason.EMPTY_FILE, location, "file is empty (0 bytes): " + path);
    }
    return size;
  }

  /**
   * Walks the top-level boxes of an ISO base media file (ISO/IEC 14496-12: 32-bit size, 4-character type,
   * 64-bit size when the 32-bit one is 1, "to end of file" when it is 0) and reports whether one of them
   * runs past the end of the file. Reads a few bytes per box; never throws.
   */
  static IsoBmffLayout scanIsoBmff(Path path, long fileSize) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(16);
      long offset = 0;
      boolean hasIndex = false;
      for (int boxes = 0; boxes < MAX_BOXES && offset + 8 <= fileSize; boxes++) {
        header.clear();
        int read = readFully(channel, header, offset);
        if (read < 8) {
          break;
        }
        long size = Integer.toUnsignedLong(header.getInt(0));
        String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
        if (boxes == 0 && !FIRST_BOX_TYPES.contains(type)) {
          return IsoBmffLayout.NOT_ISO_BMFF;
        }
        if (!isPrintable(type)) {
          break; // garbage between boxes: leave the verdict to FFmpeg
        }
        long headerSize = 8;
        if (size == 1) {
          if (read < 16) {
            return new IsoBmffLayout(true, hasIndex, "box '" + type + "' at byte " + offset
                + " is cut inside its header; the file ends at byte " + fileSize);
          }
          size = header.getLong(8);
          headerSize = 16;
        } else if (size == 0) {
          size = fileSize - offset;
        }
        if (size < headerSize) {
          break;
        }
        hasIndex |= type.equals("moov");
        if (offset + size > fileSize) {
          return new IsoBmffLayout(true, hasIndex, "box '" + type + "' at byte " + offset + " declares "
              + size + " bytes but the file ends after " + (fileSize - offset) + " of them");
        }
        offset += size;
      }
      return new IsoBmffLayout(true, hasIndex, null);
    } catch (IOException e) {
      return IsoBmffLayout.NOT_ISO_BMFF;
    }
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, offset + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static boolean isPrintable(String type) {
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
