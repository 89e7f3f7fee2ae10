package dev.toolstream.tools.internal;

import dev.toolstream.tools.ToolParam;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson mapper that binds tool input to parameters and writes results. It is strict where
 * JSON Schema is strict, so a direct call (one that skipped validation) fails the same way the
 * schema would: no string-to-number or number-to-boolean coercion, no unknown properties, no null
 * for primitives, no enum by index; a date-time keeps its offset. It reads {@link ToolParam#name()}
 * as a property name.
 */
final class BindingMapper {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .annotationIntrospector(new ToolParamIntrospector())
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          // An OffsetDateTime keeps the offset the model sent instead of moving to UTC.
          .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private BindingMapper() {}

  /** Lets {@code @ToolParam(name = …)} on a field or record component rename the property. */
  private static final class ToolParamIntrospector extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated a) {
      PropertyName name = toolParamName(a);
      return name != null ? name : super.findNameForDeserialization(config, a);
    }

    @Override
    public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated a) {
      PropertyName name = toolParamName(a);
      return name != null ? name : super.findNameForSerialization(config, a);
    }

    private static @Nullable PropertyName toolParamName(Annotated a) {
      ToolParam param = a.getAnnotation(ToolParam.class);
      return param == null || param.name().isEmpty() ? null : PropertyName.construct(param.name());
    }
  }
}
