package dev.toolstream.internal.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema subset that strict tools ({@code "strict": true}) and structured outputs ({@code
 * output_config.format}) accept, as the API's "JSON Schema limitations" list it: basic types,
 * {@code enum} of scalars, {@code const}, {@code anyOf}, {@code allOf}, local {@code $ref} into
 * {@code $defs} or {@code definitions}, {@code default}, {@code required}, {@code
 * additionalProperties: false} on every object, the string formats below and {@code minItems} of 0
 * or 1; no recursive schemas, numeric or string-length constraints, other array constraints,
 * external references, or {@code additionalProperties} other than false. Checking here, before
 * sending, turns the API's 400 into a message that names each place and what to do.
 */
public final class StrictSubset {
  private static final Set<String> FORMATS =
      Set.of(
          "date-time",
          "time",
          "date",
          "duration",
          "email",
          "hostname",
          "uri",
          "ipv4",
          "ipv6",
          "uuid");

  private static final Map<String, String> UNSUPPORTED = unsupported();

  private StrictSubset() {}

  private static Map<String, String> unsupported() {
    Map<String, String> keywords = new LinkedHashMap<>();
    String numeric = "numeric constraints are not supported; say the range in the description";
    for (String k : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
      keywords.put(k, numeric);
    }
    keywords.put("multipleOf", numeric);
    String length = "string length constraints are not supported; say it in the description";
    keywords.put("minLength", length);
    keywords.put("maxLength", length);
    String array = "array constraints other than minItems 0 or 1 are not supported";
    for (String k : List.of("maxItems", "uniqueItems", "prefixItems", "contains")) {
      keywords.put(k, array);
    }
    String object = "only fixed properties with additionalProperties false are supported";
    for (String k : List.of("minProperties", "maxProperties", "patternProperties")) {
      keywords.put(k, object);
    }
    keywords.put("propertyNames", object);
    keywords.put("oneOf", "oneOf is not supported; use anyOf");
    for (String k : List.of("not", "if", "then", "else", "dependentRequired", "dependentSchemas")) {
      keywords.put(k, "conditional and negated schemas are not supported");
    }
    return keywords;
  }

  /**
   * Returns why {@code schema} falls outside the subset, one problem per place, each as {@code
   * $.path: what is wrong; what to do}; empty when it fits.
   */
  public static List<String> problems(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> references = new LinkedHashMap<>();
    check(schema, "$", problems, references, "#");
    for (String definition : references.keySet()) {
      if (reaches(definition, definition, references, new HashSet<>())) {
        problems.add(
            pathOf(definition)
                + ": the schema is recursive (it refers to itself), which is not supported;"
                + " bound the nesting with types of their own");
      }
    }
    return problems;
  }

  private static void check(
      JsonNode schema,
      String path,
      List<String> problems,
      Map<String, Set<String>> references,
      String definition) {
    if (!schema.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String keyword = field.getKey();
      JsonNode value = field.getValue();
      String reason = UNSUPPORTED.get(keyword);
      if (reason != null) {
        problems.add(path + ": \"" + keyword + "\": " + reason);
      }
      switch (keyword) {
        case "minItems" -> {
          if (!value.isIntegralNumber() || value.asLong() > 1) {
            problems.add(path + ": \"minItems\": only 0 or 1 is supported, was " + value);
          }
        }
        case "format" -> {
          if (!FORMATS.contains(value.asString(""))) {
            problems.add(
                path
                    + ": format "
                    + value
                    + " is not supported; use one of "
                    + sorted(FORMATS)
                    + " or none");
          }
        }
        case "enum" -> {
          for (JsonNode option : value) {
            if (option.isContainer()) {
              problems.add(path + ": \"enum\" may hold only strings, numbers, booleans and null");
              break;
            }
          }
        }
        case "$ref" -> {
          String target = value.asString("");
          if (!target.startsWith("#")) {
            problems.add(path + ": $ref " + value + " is external, which is not supported");
          }
          references.computeIfAbsent(definition, d -> new LinkedHashSet<>()).add(target);
        }
        default -> {}
      }
    }
    boolean isObject =
        schema.has("properties") || "object".equals(schema.path("type").asString(""));
    JsonNode additional = schema.get("additionalProperties");
    if (isObject && (additional == null || !additional.isBoolean() || additional.asBoolean())) {
      problems.add(
          path
              + (additional != null && additional.isObject()
                  ? ": a map (additionalProperties with a schema) is not supported; use a type"
                      + " with fixed properties"
                  : ": an object must say \"additionalProperties\": false"));
    }
    schema
        .path("properties")
        .properties()
        .forEach(
            p ->
                check(
                    p.getValue(),
                    path + ".properties." + p.getKey(),
                    problems,
                    references,
                    definition));
    check(schema.path("items"), path + ".items", problems, references, definition);
    for (String list : List.of("anyOf", "allOf")) {
      JsonNode branches = schema.path(list);
      for (int i = 0; i < branches.size(); i++) {
        check(branches.get(i), path + "." + list + "[" + i + "]", problems, references, definition);
      }
    }
    for (String container : List.of("$defs", "definitions")) {
      schema
          .path(container)
          .properties()
          .forEach(
              d ->
                  check(
                      d.getValue(),
                      "$." + container + "." + d.getKey(),
                      problems,
                      references,
                      "#/" + container + "/" + d.getKey()));
    }
  }

  /** Whether {@code from}'s references lead, directly or not, to {@code target}. */
  private static boolean reaches(
      String from, String target, Map<String, Set<String>> references, Set<String> seen) {
    for (String next : references.getOrDefault(from, Set.of())) {
      if (next.equals(target) || (seen.add(next) && reaches(next, target, references, seen))) {
        return true;
      }
    }
    return false;
  }

  private static String pathOf(String definition) {
    return definition.equals("#") ? "$" : "$" + definition.substring(1).replace('/', '.');
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
