package clinic.outcomes.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The privacy guard: the input must be anonymized, so column names that suggest a direct identifier
 * and id values that look like an e-mail address or a phone number are refused.
 *
 * <p>Column names are split into words: at any character other than a letter or digit, between a
 * lower-case letter and an upper-case one ({@code firstName}), before the last capital of an
 * acronym ({@code ZIPCode}) and between letters and digits ({@code address_line1}); words are
 * lower-cased and their accents removed ({@code teléfono} is {@code telefono}, {@code Straße} is
 * {@code strasse}). A name is refused when a word, or several consecutive words joined ({@code
 * e-mail}, {@code post_code}, {@code fecha_nacimiento}), is a known identifier word such as {@code
 * name}, {@code email}, {@code phone}, {@code nom}, {@code naam} or {@code telefon}; or when its
 * letters contain, anywhere, an unambiguous word such as {@code name}, {@code email}, {@code
 * geburt} or {@code indirizzo} ({@code ClientEmail}, {@code Geburtsdatum}). The words, in the
 * common European languages of clinic software, are the resource {@value #WORD_LIST}. Word matching
 * for the short words keeps {@code condition}, {@code technique} or {@code mobility} from tripping
 * it; the contract's own columns never trip it.
 */
public final class PrivacyGuard {
  /** The resource that lists the identifier words. */
  static final String WORD_LIST = "identifier-words.txt";

  private static final int MAX_JOINED_WORDS = 4;
  private static final int MIN_PHONE_DIGITS = 7;
  private static final Map<String, String> WORDS = new HashMap<>();
  private static final Map<String, String> EMBEDDED = new LinkedHashMap<>();

  static {
    loadWordList();
  }

  private PrivacyGuard() {}

  /**
   * Returns what kind of direct identifier a column name suggests, e.g. {@code "a name"}, or null
   * when it suggests none.
   */
  public static String identifierKind(String columnName) {
    List<String> words = words(columnName);
    for (int first = 0; first < words.size(); first++) {
      StringBuilder joined = new StringBuilder();
      for (int last = first; last < words.size() && last < first + MAX_JOINED_WORDS; last++) {
        joined.append(words.get(last));
        String kind = WORDS.get(joined.toString());
        if (kind != null) {
          return kind;
        }
      }
    }
    String letters = String.join("", words);
    for (Map.Entry<String, String> entry : EMBEDDED.entrySet()) {
      if (letters.contains(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  /**
   * Returns what kind of personal data an id value looks like ({@code "an e-mail address"} or
   * {@code "a phone number"}), or null. The value is expected trimmed.
   *
   * <p>E-mail: an {@code @} with characters on both sides. Phone: only digits, spaces and {@code +
   * ( ) - . /}, with 7 or more digits; so a purely numeric id of 7 or more digits is refused.
   */
  public static String idValueKind(String value) {
    if (looksLikeEmail(value)) {
      return "an e-mail address";
    }
    if (looksLikePhone(value)) {
      return "a phone number";
    }
    return null;
  }

  /**
   * Returns what kind of personal data a value in a field other than an id looks like, or null: an
   * e-mail address, or a phone number written with separators ({@code +44 20 7946 0958}). A plain
   * number ({@code 0000000000000007}, {@code -1.5}) and a date ({@code 2025-01-06}, {@code
   * 06/01/2025}) are not refused there: the field's own rules judge them.
   */
  public static String otherValueKind(String value) {
    if (looksLikeEmail(value)) {
      return "an e-mail address";
    }
    if (looksLikePhone(value) && !isPlainNumber(value) && !looksLikeDate(value)) {
      return "a phone number";
    }
    return null;
  }

  /**
   * Returns what kind of personal data a value of a malformed record looks like, or null. Its
   * fields are not reliably placed, so any of them may be an id: each is judged as {@link
   * #idValueKind}, except that a date ({@code 2025-01-06}) is not taken for a phone number.
   */
  public static String misplacedValueKind(String value) {
    if (looksLikeEmail(value)) {
      return "an e-mail address";
    }
    if (looksLikePhone(value) && !looksLikeDate(value)) {
      return "a phone number";
    }
    return null;
  }

  /** Tells whether a value is {@code [+-]?digits(.digits)?}. */
  static boolean isPlainNumber(String value) {
    int n = value.length();
    int i = n > 0 && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
    int digits = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point && digits > 0 && i + 1 < n) {
        point = true;
      } else {
        return false;
      }
    }
    return digits > 0;
  }

  /**
   * Tells whether a value is a date of three digit groups with one separator ({@code -}, {@code .}
   * or {@code /}): year first ({@code 2025-01-06}) or last ({@code 06.01.2025}, {@code 6/1/25}).
   */
  static boolean looksLikeDate(String value) {
    int first = 0; // the three groups' lengths (locals, not an array: once per date of every row)
    int second = 0;
    int third = 0;
    int group = 0;
    char separator = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        if (group == 0) {
          first++;
        } else if (group == 1) {
          second++;
        } else {
          third++;
        }
      } else if ((c == '-' || c == '.' || c == '/')
          && group < 2
          && (group == 0 ? first : second) > 0
          && (separator == 0 || separator == c)) {
        separator = c;
        group++;
      } else {
        return false;
      }
    }
    if (group != 2) {
      return false;
    }
    boolean yearFirst = first == 4 && second <= 2 && third >= 1 && third <= 2;
    boolean yearLast = first <= 2 && second <= 2 && (third == 2 || third == 4);
    return yearFirst || yearLast;
  }

  /** Tells whether a value has an {@code @} with characters on both sides. */
  public static boolean looksLikeEmail(String value) {
    int at = value.indexOf('@');
    return at > 0 && at < value.length() - 1;
  }

  /**
   * Tells whether a value holds only digits and {@code + ( ) - . /} or spaces, with at least 7
   * digits.
   */
  public static boolean looksLikePhone(String value) {
    if (value.length() < MIN_PHONE_DIGITS) {
      return false; // too short to hold the digits: most fields of every record (scores, words)
    }
    int digits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!isPhoneSeparator(c)) {
        return false;
      }
    }
    return digits >= MIN_PHONE_DIGITS;
  }

  /** One of {@code + ( ) - . /} or a space: a compare each, not a search of a string per char. */
  private static boolean isPhoneSeparator(char c) {
    return switch (c) {
      case '+', '(', ')', '-', '.', '/', ' ' -> true;
      default -> false;
    };
  }

  /** Splits a column name into lower-case words (see the class comment). */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? name.charAt(i) : ' ';
      boolean wordChar = Character.isLetterOrDigit(c);
      if (start >= 0 && (!wordChar || startsNewWord(name, i))) {
        words.add(fold(name.substring(start, i)));
        start = -1;
      }
      if (wordChar && start < 0) {
        start = i;
      }
    }
    return words;
  }

  private static boolean startsNewWord(String name, int i) {
    char previous = name.charAt(i - 1);
    char current = name.charAt(i);
    if (Character.isDigit(previous) != Character.isDigit(current)) {
      return true;
    }
    if (Character.isLowerCase(previous) && Character.isUpperCase(current)) {
      return true;
    }
    return Character.isUpperCase(previous)
        && Character.isUpperCase(current)
        && i + 1 < name.length()
        && Character.isLowerCase(name.charAt(i + 1));
  }

  /**
   * Lower case without accents: {@code é} to {@code e}, {@code ß} to {@code ss}, {@code ø} to
   * {@code o}.
   */
  static String fold(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    boolean ascii = true;
    for (int i = 0; i < lower.length() && ascii; i++) {
      ascii = lower.charAt(i) < 0x80;
    }
    if (ascii) {
      return lower;
    }
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      switch (Character.getType(c)) {
        case Character.NON_SPACING_MARK,
            Character.COMBINING_SPACING_MARK,
            Character.ENCLOSING_MARK -> {
          // an accent: dropped
        }
        default ->
            out.append(
                switch (c) {
                  case '\u00df' -> "ss";
                  case '\u00f8' -> "o";
                  case '\u00e6' -> "ae";
                  case '\u0153' -> "oe";
                  case '\u0142' -> "l";
                  case '\u0111' -> "d";
                  case '\u00fe' -> "th";
                  case '\u0131' -> "i";
                  default -> String.valueOf(c);
                });
      }
    }
    return out.toString();
  }

  /** Reads {@value #WORD_LIST} (format in its header). */
  private static void loadWordList() {
    InputStream in = PrivacyGuard.class.getResourceAsStream(WORD_LIST);
    if (in == null) {
      throw new IllegalStateException("the resource " + WORD_LIST + " is missing from the build");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String kind = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          kind = line.substring(1, line.length() - 1);
          continue;
        }
        int colon = line.indexOf(':');
        String key = colon < 0 ? "" : line.substring(0, colon);
        if (kind == null || !(key.equals("words") || key.equals("contains"))) {
          throw new IllegalStateException(WORD_LIST + ": cannot read the line '" + line + "'");
        }
        Map<String, String> target = key.equals("words") ? WORDS : EMBEDDED;
        for (String word : line.substring(colon + 1).trim().split("\\s+")) {
          target.putIfAbsent(fold(word), kind);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + WORD_LIST, e);
    }
  }
}
