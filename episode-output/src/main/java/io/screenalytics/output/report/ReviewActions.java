package io.screenalytics.output.report;

import io.screenalytics.identities.Identity;

/**
 * What the review web application adds to the report's page: HTML after the header (its forms' shared parts, the
 * outcome of the last action) and at the end of each identity's card (its actions). The static report has
 * {@link #NONE}: no form, no script, so it stays one self-contained file.
 */
public interface ReviewActions {

  /** Nothing added: the static report. */
  ReviewActions NONE = new ReviewActions() {
    @Override
    public String afterHeader() {
      return "";
    }

    @Override
    public String card(Identity identity) {
      return "";
    }
  };

  /** HTML put after the page's header; the caller escapes what it inserts. */
  String afterHeader();

  /** HTML put at the end of {@code identity}'s card; the caller escapes what it inserts. */
  String card(Identity identity);
}
