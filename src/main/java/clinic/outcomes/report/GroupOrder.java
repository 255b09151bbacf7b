package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import java.util.Comparator;
import java.util.List;

/**
 * Display order of group labels: measures in the SPEC order, session buckets and session numbers by
 * their number, {@code unknown} last, everything else alphabetically.
 */
final class GroupOrder implements Comparator<String> {
  static final GroupOrder INSTANCE = new GroupOrder();
  private static final List<String> MEASURES = Measure.CODES;

  private GroupOrder() {}

  @Override
  public int compare(String a, String b) {
    int ka = key(a);
    int kb = key(b);
    return ka != kb ? Integer.compare(ka, kb) : a.compareTo(b);
  }

  private static int key(String s) {
    if (MEASURES.contains(s)) {
      return MEASURES.indexOf(s);
    }
    if ("unknown".equals(s)) {
      return Integer.MAX_VALUE;
    }
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i > 0 && i < 9 && !s.matches("\\d{4}-\\d{2}")) {
      return 100 + Integer.parseInt(s.substring(0, i));
    }
    return 1_000_000;
  }
}
