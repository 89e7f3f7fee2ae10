package dev.toolstream.stream;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The piece of a content block carried by a {@link StreamEvent.ContentBlockDelta}. Delta types
 * this library does not know arrive as {@link Unknown}.
 */
public sealed interface Delta {

  /** Returns the delta's wire type, such as {@code text_delta}. */
  String type();

  /**
   * Text to append to a text block.
   *
   * @param text the new text
   */
  record Text(String text) implements Delta {
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
    public Citation {
      Objects.requireNonNull(citation, "citation == null");
    }

    @Override
    public String type() {
      return "citations_delta";
    }
  }

  /**
   * A delta type this library does not know, kept raw.
   *
   * @param type the delta's type
   * @param json the delta object
   */
  record Unknown(String type, JsonNode json) implements Delta {
    public Unknown {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(json, "json == null");
    }
  }
}
