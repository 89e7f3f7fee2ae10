package dev.toolstream.testkit.internal;

import tools.jackson.databind.json.JsonMapper;

/** The test kit's one Jackson mapper. Not part of the public API. */
public final class Json {
  /** The shared mapper; thread-safe. Object nodes keep their insertion order when written. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}
}
