package dev.toolstream.stream;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The piece of a content block carried by a {@link StreamEvent.ContentBlockDelta}. Delta types
 * this library does not know arrive as {@link Unknown}.
 */
public sealed interface Delta {

  /**
   * Names the delta's kind as the API spells it.
   *
   * @return the wire {@code type}, such as {@code text_delta} or {@code input_json_delta}
   */
  String type();

  /**
   * Text to append to a text block.
   *
   * @param text the new text
   */
  record Text(String text) implements Delta {
    /**
     * Checks the text is present.
     *
     * @param text the new text, not null; may be empty
     */
    public Text {
      Objects.requireNonNull(text, "text == null");
    }

    @Override
    public String type() {
      return "text_delta";
    }
  }

  /**
   * A fragment of a tool call's input JSON. Fragments join into the input's text; only the whole
   * is valid JSON.
   *
   * @param partialJson the fragment, often empty for the first one
   */
  record InputJson(String partialJson) implements Delta {
    /**
     * Checks the fragment is present.
     *
     * @param partialJson the fragment, not null; may be empty, and need not be valid JSON alone
     */
    public InputJson {
      Objects.requireNonNull(partialJson, "partialJson == null");
    }

    @Override
    public String type() {
      return "input_json_delta";
    }
  }

  /**
   * Thinking text to append to a thinking block.
   *
   * @param thinking the new text
   */
  record Thinking(String thinking) implements Delta {
    /**
     * Checks the text is present.
     *
     * @param thinking the new thinking text, not null; may be empty
     */
    public Thinking {
      Objects.requireNonNull(thinking, "thinking == null");
    }

    @Override
    public String type() {
      return "thinking_delta";
    }
  }

  /**
   * The signature of a thinking block, sent just before it stops.
   *
   * @param signature the signature
   */
  record Signature(String signature) implements Delta {
    /**
     * Checks the signature is present.
     *
     * @param signature the block's signature, not null; not verified here
     */
    public Signature {
      Objects.requireNonNull(signature, "signature == null");
    }

    @Override
    public String type() {
      return "signature_delta";
    }
  }

  /**
   * A citation to attach to the current text block.
   *
   * @param citation the citation, as sent
   */
  record Citation(JsonNode citation) implements Delta {
    /**
     * Checks the citation is present; it is kept as it is, not copied.
     *
     * @param citation the citation object, not null
     */
    public Citation {
      Objects.requireNonNull(citation, "citation == null");
    }

    @Override
    public String type() {
      return "citations_delta";
    }
  }

  /**
   * The summary of a compaction block, sent whole in one delta: it replaces the block's content.
   *
   * @param content the summary, or null if the compaction failed
   * @param encryptedContent the opaque data to send back with the block, or null if none
   */
  record Compaction(@Nullable String content, @Nullable String encryptedContent) implements Delta {
    @Override
    public String type() {
      return "compaction_delta";
    }
  }

  /**
   * A delta type this library does not know, kept raw.
   *
   * @param type the delta's type
   * @param json the delta object
   */
  record Unknown(String type, JsonNode json) implements Delta {
    /**
     * Checks both parts are present; the JSON is kept as it is, not copied.
     *
     * @param type the delta's wire type, not null
     * @param json the delta object, {@code type} included, not null
     */
    public Unknown {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(json, "json == null");
    }
  }
}
