package dev.toolstream.tools.internal;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import dev.toolstream.tools.ToolParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Configures the victools generator that describes the Java types of tool parameters in JSON Schema
 * 2020-12: the Jackson module for property names, descriptions, enum names and
 * {@code @JsonSubTypes}; {@code additionalProperties: false} on objects; maps as {@code
 * additionalProperties} of their value type; standard formats for UUID and java.time; {@link
 * ToolParam} on fields and record components; sealed types as {@code anyOf} of their permitted
 * subclasses.
 */
final class TypeSchemas {
  private TypeSchemas() {}

  /**
   * Returns a new generator. Not thread-safe: use one per tool. Types it cannot describe for
   * binding (a sealed type without {@code @JsonTypeInfo}) are added to {@code problems}. With
   * {@code strict}, it leaves out the bounds strict mode and structured outputs do not support (a
   * byte's range; binding still refuses a value out of range).
   */
  static SchemaGenerator newGenerator(List<String> problems, boolean strict) {
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(
            BindingMapper.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON);
    // Registered before the Jackson module so that these win over its own providers.
    builder
        .forTypesInGeneral()
        .withCustomDefinitionProvider((type, context) -> sealed(type, context, problems))
        .withCustomDefinitionProvider(TypeSchemas::enums)
        .withCustomDefinitionProvider(TypeSchemas::times)
        .withCustomDefinitionProvider((type, context) -> optionals(type, context, problems))
        .withCustomDefinitionProvider((type, context) -> bytes(type, context, strict));
    builder
        .forFields()
        .withPropertyNameOverrideResolver(TypeSchemas::name)
        .withDescriptionResolver(TypeSchemas::description)
        .withDefaultResolver(field -> defaultValue(field, problems))
        .withRequiredCheck(TypeSchemas::required);
    builder
        .with(
            new JacksonSchemaModule(
                JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                JacksonOption.RESPECT_JSONPROPERTY_ORDER))
        .with(
            Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
            Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
            Option.STANDARD_FORMATS)
        .without(Option.SCHEMA_VERSION_INDICATOR);
    return new SchemaGenerator(builder.build());
  }

  /** A sealed type without {@code @JsonSubTypes} is any one of its permitted subclasses. */
  private static @Nullable CustomDefinition sealed(
      ResolvedType type, SchemaGenerationContext context, List<String> problems) {
    Class<?> raw = type.getErasedType();
    if (!raw.isSealed() || raw.isAnnotationPresent(JsonSubTypes.class)) {
      return null;
    }
    if (!raw.isAnnotationPresent(JsonTypeInfo.class)) {
      problems.add(
          "sealed type "
              + raw.getSimpleName()
              + " has no @JsonTypeInfo, so its subtype cannot be told from the input: add"
              + " @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = \"type\") (and"
              + " @JsonTypeName on each subtype), or Id.DEDUCTION if their properties differ");
    }
    ObjectNode definition = context.getGeneratorConfig().createObjectNode();
    JsonClassDescription description = raw.getAnnotation(JsonClassDescription.class);
    if (description != null) {
      definition.put("description", description.value());
    }
    ArrayNode anyOf = definition.putArray("anyOf");
    for (Class<?> subclass : raw.getPermittedSubclasses()) {
      anyOf.add(
          context.createDefinitionReference(
              context.getTypeContext().resolveSubtype(type, subclass)));
    }
    // Excluding attributes keeps "additionalProperties: false" off the anyOf itself, where it
    // would forbid every property of every subtype.
    return new CustomDefinition(
        definition,
        CustomDefinition.DefinitionType.STANDARD,
        CustomDefinition.AttributeInclusion.NO);
  }

  /**
   * An enum is the values the binding mapper writes and reads for its constants. The Jackson
   * module's flattening applies {@code @JsonProperty} only when every constant has one, and
   * otherwise offers Java names that binding refuses for the renamed constants.
   */
  private static @Nullable CustomDefinition enums(
      ResolvedType type, SchemaGenerationContext context) {
    Class<?> raw = type.getErasedType();
    if (!raw.isEnum()) {
      return null;
    }
    ObjectNode definition = context.getGeneratorConfig().createObjectNode();
    ArrayNode values = JsonNodeFactory.instance.arrayNode();
    Set<String> types = new LinkedHashSet<>();
    for (Object constant : raw.getEnumConstants()) {
      JsonNode value = BindingMapper.MAPPER.valueToTree(constant);
      values.add(value);
      types.add(
          value.isIntegralNumber()
              ? "integer"
              : value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    if (types.size() == 1) {
      definition.put("type", types.iterator().next());
    } else {
      types.forEach(definition.putArray("type")::add);
    }
    definition.set("enum", values);
    return new CustomDefinition(definition);
  }

  /** A signed whole number, as each part of a {@code Duration} or {@code Period} is. */
  private static final String NUMBER = "[-+]?[0-9]+";

  private static final String SECONDS = NUMBER + "([.,][0-9]{0,9})?S";

  /** Hours, minutes, seconds: at least one, in that order. */
  private static final String TIME =
      "T(" + NUMBER + "H(" + NUMBER + "M)?(" + SECONDS + ")?|" + NUMBER + "M(" + SECONDS + ")?|"
          + SECONDS + ")";

  /**
   * What {@code Duration.parse} reads, in upper case: days, then a time part, at least one of them.
   * Only capturing groups, which the strict subset's regular expressions allow.
   */
  private static final String DURATION = "^[-+]?P(" + NUMBER + "D(" + TIME + ")?|" + TIME + ")$";

  /** What {@code Period.parse} reads, in upper case: years, months, weeks, days, at least one. */
  private static final String PERIOD =
      "^[-+]?P("
          + NUMBER + "Y(" + NUMBER + "M)?(" + NUMBER + "W)?(" + NUMBER + "D)?|"
          + NUMBER + "M(" + NUMBER + "W)?(" + NUMBER + "D)?|"
          + NUMBER + "W(" + NUMBER + "D)?|"
          + NUMBER + "D)$";

  /**
   * The java.time types whose standard format, or lack of one, would describe values binding
   * refuses: a {@code LocalTime} has no offset, which format {@code time} demands; format {@code
   * duration} allows weeks, months and years, which a {@code Duration} refuses, and hours, which a
   * {@code Period} refuses, so each is a string of the pattern its {@code parse} reads; the
   * generator describes {@code YearMonth}, {@code MonthDay} and {@code Year} as objects of their
   * getters, while Jackson reads them from {@code "2025-03"}, {@code "--03-14"} and {@code 2025}.
   */
  private static @Nullable CustomDefinition times(
      ResolvedType type, SchemaGenerationContext context) {
    Class<?> raw = type.getErasedType();
    ObjectNode definition = context.getGeneratorConfig().createObjectNode();
    if (raw == LocalTime.class || raw == YearMonth.class || raw == MonthDay.class) {
      definition.put("type", "string");
    } else if (raw == Duration.class) {
      definition.put("type", "string").put("pattern", DURATION);
    } else if (raw == Period.class) {
      definition.put("type", "string").put("pattern", PERIOD);
    } else if (raw == Year.class) {
      definition.put("type", "integer");
    } else {
      return null;
    }
    return new CustomDefinition(definition);
  }

  /**
   * An {@code Optional} the generator meets as a type of its own, inside a container ({@code
   * List<Optional<String>>}) or another type argument, is refused: the generator unwraps one only
   * as a field's or parameter's own type, and described this one as an object without properties,
   * which no value matches. (Describing it as its value loses the value's {@code $ref} when the
   * value's type is shared.)
   */
  private static @Nullable CustomDefinition optionals(
      ResolvedType type, SchemaGenerationContext context, List<String> problems) {
    if (type.getErasedType() != Optional.class) {
      return null;
    }
    String value =
        context.getTypeContext().getTypeParameterFor(type, Optional.class, 0).getErasedType()
            .getSimpleName();
    problems.add(
        "Optional<"
            + value
            + "> is supported only as a parameter's or field's own type, not inside a container"
            + " or type argument: use "
            + value
            + " there (a List<"
            + value
            + ">, not a List<Optional<"
            + value
            + ">>)");
    return new CustomDefinition(context.getGeneratorConfig().createObjectNode());
  }

  /** Jackson binds a byte from a JSON integer; the generator's default says string. */
  private static @Nullable CustomDefinition bytes(
      ResolvedType type, SchemaGenerationContext context, boolean strict) {
    Class<?> raw = type.getErasedType();
    if (raw != byte.class && raw != Byte.class) {
      return null;
    }
    ObjectNode definition = context.getGeneratorConfig().createObjectNode();
    definition.put("type", "integer");
    if (!strict) {
      definition.put("minimum", Byte.MIN_VALUE).put("maximum", Byte.MAX_VALUE);
    }
    return new CustomDefinition(definition);
  }

  private static @Nullable String name(FieldScope field) {
    ToolParam param = field.getAnnotationConsideringFieldAndGetter(ToolParam.class);
    return param == null || param.name().isEmpty() ? null : param.name();
  }

  private static @Nullable String description(FieldScope field) {
    ToolParam param = field.getAnnotationConsideringFieldAndGetter(ToolParam.class);
    return param == null || param.description().isEmpty() ? null : param.description();
  }

  /** Checked as a parameter's is: a default that could never bind is added to {@code problems}. */
  private static @Nullable Object defaultValue(FieldScope field, List<String> problems) {
    ToolParam param = field.getAnnotationConsideringFieldAndGetter(ToolParam.class);
    if (param == null || param.defaultValue().isEmpty()) {
      return null;
    }
    Field member = field.getRawMember();
    Type type =
        member.getType() == Optional.class
            ? Types.optionalElement(member.getGenericType())
            : member.getGenericType();
    try {
      return Literals.parseFor(param.defaultValue(), type);
    } catch (IllegalArgumentException e) {
      problems.add(
          "field "
              + member.getDeclaringClass().getSimpleName()
              + "."
              + member.getName()
              + " has a default value that is not a "
              + type.getTypeName()
              + ": "
              + e.getMessage()
              + "; fix @ToolParam(defaultValue = ...)");
      return null;
    }
  }

  /** The same rule as for parameters, plus {@code @Nullable} (any annotation of that name). */
  private static boolean required(FieldScope field) {
    if (field.getRawMember().getType() == Optional.class || isNullable(field)) {
      return false;
    }
    ToolParam param = field.getAnnotationConsideringFieldAndGetter(ToolParam.class);
    return param == null || (param.required() && param.defaultValue().isEmpty());
  }

  private static boolean isNullable(FieldScope field) {
    Annotation[] declared = field.getRawMember().getAnnotations();
    Annotation[] typeUse = field.getRawMember().getAnnotatedType().getAnnotations();
    return Stream.concat(Stream.of(declared), Stream.of(typeUse))
        .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
  }
}
