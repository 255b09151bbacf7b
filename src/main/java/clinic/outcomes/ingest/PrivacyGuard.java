package clinic.outcomes.ingest;

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
 * acronym ({@code ZIPCode}) and between letters and digits ({@code address_line1}). A name is
 * refused when a word, or several consecutive words joined ({@code e-mail}, {@code post_code},
 * {@code social_security}), is a known identifier word such as {@code name}, {@code email}, {@code
 * phone}, {@code mobile}, {@code address}, {@code street}, {@code zip}, {@code postcode}, {@code
 * birth}, {@code dob}, {@code ssn}, {@code nhs}, {@code mrn} or {@code passport}; or when it
 * contains, anywhere, an unambiguous word such as {@code name}, {@code email}, {@code phone},
 * {@code address} or {@code postcode} ({@code ClientEmail}, {@code patientname}). Word matching for
 * the short words keeps {@code condition}, {@code technique} or {@code mobility} from tripping it;
 * the contract's own columns never trip it.
 */
public final class PrivacyGuard {
  private static final int MAX_JOINED_WORDS = 4;
  private static final Map<String, String> WORDS = new HashMap<>();
  private static final Map<String, String> EMBEDDED = new LinkedHashMap<>();

  static {
    words(
        "a name",
        "name",
        "names",
        "firstname",
        "lastname",
        "surname",
        "forename",
        "forenames",
        "fullname",
        "givenname",
        "familyname",
        "middlename",
        "maidenname",
        "nickname",
        "username",
        "initials",
        "fname",
        "lname");
    words("an e-mail address", "email", "mail", "emailaddress");
    words(
        "a phone number",
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "cellphone",
        "fax",
        "phonenumber");
    words("an address", "address", "addr", "street", "streetname", "housenumber", "city", "town");
    words("a postcode", "zip", "zipcode", "postcode", "postal", "postalcode");
    words("a birth date", "birth", "birthdate", "birthday", "dob", "born");
    words(
        "a national, insurance or medical record number",
        "ssn",
        "nhs",
        "mrn",
        "nino",
        "socialsecurity",
        "nationalid",
        "nationalinsurance",
        "insurancenumber",
        "medicare",
        "medicaid");
    words("a passport or licence number", "passport", "licence", "license");
    words("contact details", "contact");
    embedded("a name", "name");
    embedded("an e-mail address", "email");
    embedded("a phone number", "phone");
    embedded("an address", "address", "street");
    embedded("a postcode", "postcode", "zipcode");
    embedded("a birth date", "birthdate", "dateofbirth", "birthday");
    embedded("a passport or licence number", "passport");
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
    int digits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if ("+()-./ ".indexOf(c) < 0) {
        return false;
      }
    }
    return digits >= 7;
  }

  /** Splits a column name into lower-case words (see the class comment). */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? name.charAt(i) : ' ';
      boolean wordChar = Character.isLetterOrDigit(c);
      if (start >= 0 && (!wordChar || startsNewWord(name, i))) {
        words.add(name.substring(start, i).toLowerCase(Locale.ROOT));
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

  private static void words(String kind, String... words) {
    for (String word : words) {
      WORDS.put(word, kind);
    }
  }

  private static void embedded(String kind, String... words) {
    for (String word : words) {
      EMBEDDED.put(word, kind);
    }
  }
}
