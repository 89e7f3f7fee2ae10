package dev.toolstream.messages;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What the API says of one model: the answer of {@code GET /v1/models/{model_id}}.
 *
 * @param id the model's id, such as {@code claude-sonnet-4-6}; for an alias, the id it stands for
 * @param displayName the model's name for people, such as {@code Claude Sonnet 4.6}; empty if the
 *     API sent none
 * @param createdAt when the model was released, as the API wrote it (RFC 3339, such as {@code
 *     2025-02-19T00:00:00Z}); empty if the API sent none
 * @param extraFields the other fields of the answer, such as {@code type}, by wire name, as
 *     received
 */
public record ModelInfo(
    String id, String displayName, String createdAt, Map<String, JsonNode> extraFields) {
  /**
   * Checks the values and copies the extra fields.
   *
   * @param id the model's id
   * @param displayName the model's name for people
   * @param createdAt the release time, as written
   * @param extraFields the answer's other fields, copied in their order
   */
  public ModelInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    extraFields = ExtraFields.copyOf(extraFields);
  }
}
