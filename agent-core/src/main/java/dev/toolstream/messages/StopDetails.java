package dev.toolstream.messages;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Details beside a message's stop reason, as the API sends them in {@code stop_details}: today only
 * for a {@code refusal}, with the policy category that refused and an explanation.
 *
 * <p>Fields this type does not model (such as {@code fallback_credit_token} or {@code
 * recommended_model}) and known fields the API sent as {@code null} are kept in {@link
 * #extraFields()} and written back as they came.
 *
 * @param type what the details describe, such as {@code refusal}; empty if the API sent none
 * @param category the policy category of a refusal, such as {@code cyber}, {@code bio}, {@code
 *     frontier_llm}, {@code reasoning_extraction} or {@code general_harms} (values the library does
 *     not know are kept as they are); null if the API sent none
 * @param explanation a human-readable explanation, not stable across calls; null if none
 * @param extraFields the other fields, by wire name, in the order they arrived
 */
public record StopDetails(
    String type,
    @Nullable String category,
    @Nullable String explanation,
    Map<String, JsonNode> extraFields) {

  /** The {@code type} of the details of a refusal. */
  public static final String REFUSAL = "refusal";

  /**
   * Checks the type is present and copies the other fields, dropping an entry that a component
   * holds.
   *
   * @param type the wire {@code type}, not null; may be empty
   * @param category the refusal's category, or null
   * @param explanation the explanation, or null
   * @param extraFields the other fields, copied in their order; an entry named {@code category} or
   *     {@code explanation} is dropped when that component holds a value
   */
  public StopDetails {
    Objects.requireNonNull(type, "type == null");
    Map<String, JsonNode> extra = ExtraFields.copyOf(extraFields);
    if (category != null && extra.containsKey("category")) {
      extra = ExtraFields.without(extra, "category");
    }
    if (explanation != null && extra.containsKey("explanation")) {
      extra = ExtraFields.without(extra, "explanation");
    }
    extraFields = extra;
  }

  /**
   * Makes the details of a refusal, such as for a scripted message in a test.
   *
   * @param category the policy category, such as {@code cyber}, or null
   * @param explanation the explanation, or null
   * @return details of type {@code refusal} with no other fields
   */
  public static StopDetails refusal(@Nullable String category, @Nullable String explanation) {
    return new StopDetails(REFUSAL, category, explanation, Map.of());
  }
}
