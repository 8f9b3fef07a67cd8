package io.screenalytics.voice.eval;

import java.util.List;

/**
 * The fixed split of the 12 shared AMI files ({@code media/audio/ami}, {@code SPEECH.md}) into two halves of six,
 * by file name order: the settings are tuned on one half and the DER is reported on the other
 * ({@link DerSplit}).
 *
 * <p>Name order is also a split by speaker: no speaker speaks in both halves. Speakers recur only within
 * {trn00, trn01, trn02, trn03} (MEE067, MEE068, MEO069, FEO066), {trn06, trn09} (FEE083), {trn07, trn08} and
 * {dev00, dev01}, so a setting chosen on one half has never heard a voice of the other. Half A holds 12 distinct
 * speakers (file by file 3, 4, 1, 2, 3, 4), half B 11 (3, 4, 4, 3, 2, 2); every file is 30 s, UEM 0-30 s.
 */
public enum AmiHalf {

  /** {@code trn00} .. {@code trn05}. */
  A(List.of("trn00", "trn01", "trn02", "trn03", "trn04", "trn05")),
  /** {@code trn06} .. {@code trn09}, {@code dev00}, {@code dev01}. */
  B(List.of("trn06", "trn07", "trn08", "trn09", "dev00", "dev01"));

  private final List<String> files;

  AmiHalf(List<String> files) {
    this.files = files;
  }

  /** The half's six file ids (RTTM file names, {@code <id>.wav}). */
  public List<String> files() {
    return files;
  }

  /** The 12 file ids, A's then B's. */
  public static List<String> all() {
    return java.util.stream.Stream.concat(A.files.stream(), B.files.stream()).toList();
  }

  /** The other half. */
  public AmiHalf other() {
    return this == A ? B : A;
  }
}
