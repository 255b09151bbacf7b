package clinic.outcomes.ingest;

import java.io.Serializable;

/**
 * A {@code clients.csv} row after the stateless rules. Each value is trimmed and normalized, or
 * null when it is empty, invalid or its column is absent.
 *
 * @param clientId the client's pseudonym, as written
 * @param ageBand {@code 18-29}, {@code 30-39}, ... {@code 80-89}, {@code 90+}
 * @param sex {@code female}, {@code male}, {@code other} or {@code unknown}
 * @param condition {@code herniated_disc}, {@code spinal_stenosis}, {@code degenerative_disc},
 *     {@code piriformis}, {@code pregnancy}, {@code other} or {@code unknown}
 * @param symptomWeeks weeks with symptoms at intake, 0-1040
 * @param coTreatment sorted, de-duplicated, {@code |}-joined subset of {@code chiro}, {@code
 *     medication}, {@code none}, {@code physio}
 * @param contraindications sorted, de-duplicated, {@code |}-joined subset of the contract's
 *     contraindications
 * @param medicalClearance {@code yes} or {@code no}
 */
public record ClientRow(
    String clientId,
    String ageBand,
    String sex,
    String condition,
    Integer symptomWeeks,
    String coTreatment,
    String contraindications,
    String medicalClearance)
    implements Serializable {

  static final ClientRow EMPTY = new ClientRow(null, null, null, null, null, null, null, null);
}
