package dev.warden.support.apidocs;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * What a record sent or received as JSON holds, said as exactly as the code says it: a
 * component (or {@code @JsonProperty} accessor) is required unless it is marked
 * {@link Nullable}; then it may be left out of a request, and be {@code null} (the
 * packages are {@code @NullMarked}: any other never is).
 */
final class RecordComponentsRequired implements ModelConverter {

	@Override
	public @Nullable Schema<?> resolve(AnnotatedType type, ModelConverterContext context,
			Iterator<ModelConverter> chain) {
		Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
		if (schema == null || !raw.isRecord()) {
			return schema;
		}
		Schema<?> model = schema;
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			Map<String, Schema> defined = context.getDefinedModels();
			model = defined.get(name);
		}
		if (model == null || model.getProperties() == null) {
			return schema;
		}
		List<String> required = new ArrayList<>();
		for (RecordComponent component : raw.getRecordComponents()) {
			String name = component.getName();
			Schema<?> property = model.getProperties().get(name);
			if (property == null) {
				continue;
			}
			if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
				model.getProperties().put(name, orNull(property));
			}
			else {
				required.add(name);
			}
		}
		// Properties a record adds with @JsonProperty accessors are written always too.
		for (java.lang.reflect.Method method : raw.getMethods()) {
			com.fasterxml.jackson.annotation.JsonProperty property = method
				.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
			if (property == null || method.getParameterCount() > 0) {
				continue;
			}
			String name = property.value().isEmpty() ? method.getName() : property.value();
			Schema<?> described = model.getProperties().get(name);
			if (described == null || required.contains(name)) {
				continue;
			}
			if (method.getAnnotatedReturnType().isAnnotationPresent(Nullable.class)) {
				model.getProperties().put(name, orNull(described));
			}
			else {
				required.add(name);
			}
		}
		model.setRequired(required);
		return schema;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<?> orNull(Schema property) {
		if (property.get$ref() != null) {
			return new JsonSchema().oneOf(List.of(property, new JsonSchema().types(Set.of("null"))));
		}
		Set<String> types = new LinkedHashSet<>(property.getTypes() != null ? property.getTypes() : Set.of());
		types.add("null");
		property.setTypes(types);
		return property;
	}

}
