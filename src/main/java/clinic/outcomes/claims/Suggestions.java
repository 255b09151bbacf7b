package clinic.outcomes.claims;

/** "Did you mean" for a misspelt field name: the nearest name within two edits. */
final class Suggestions {
  private static final int MAX_EDITS = 2;

  private Suggestions() {}

  /**
   * The candidate nearest to {@code word} by Levenshtein distance, if within two edits.
   *
   * @return the candidate, or null when none is that close
   */
  static String nearest(String word, Iterable<String> candidates) {
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance (insertions, deletions, substitutions). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
