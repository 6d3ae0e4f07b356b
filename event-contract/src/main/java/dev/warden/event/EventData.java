package dev.warden.event;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Between a payload record and the {@code data} map a {@link CloudEvent} carries: a
 * {@code null} value is left out, an instant is its ISO-8601 text, and a field the record
 * does not know is ignored on reading (a newer producer may have added it).
 */
public final class EventData {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// In the record's order, which puts who and from where first.
		.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.build();

	private EventData() {
	}

	/** The payload as an event's {@code data}. */
	public static Map<String, Object> of(EventPayload payload) {
		return JSON.convertValue(payload, MAP);
	}

	/**
	 * The payload in {@code data}.
	 * @throws IllegalArgumentException if {@code data} does not have the payload's shape
	 * (a field missing that is not {@code @Nullable}, or one of another type)
	 */
	public static <T extends EventPayload> T read(Map<String, Object> data, Class<T> type) {
		T payload;
		try {
			payload = JSON.convertValue(data, type);
		}
		catch (JacksonException ex) {
			// Names the field, never its value: data holds personal details.
			String field = ex.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."));
			throw new IllegalArgumentException("data is not a " + type.getSimpleName() + ": "
					+ (field.isEmpty() ? "malformed" : field + " is malformed"));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("data is not a " + type.getSimpleName());
		}
		if (payload == null) {
			throw new IllegalArgumentException("data is not a " + type.getSimpleName() + ": none");
		}
		requireFields(data, payload);
		return payload;
	}

	/**
	 * Every field not marked {@code @Nullable} is there: a missing number or flag is not
	 * read as zero or false.
	 */
	private static void requireFields(Map<String, Object> data, EventPayload payload) {
		for (RecordComponent component : payload.getClass().getRecordComponents()) {
			if (component.getType().isPrimitive()) {
				if (!data.containsKey(component.getName())) {
					throw new IllegalArgumentException("data is not a " + payload.getClass().getSimpleName() + ": "
							+ component.getName() + " is missing");
				}
				continue;
			}
			if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
				continue;
			}
			Object value;
			try {
				value = component.getAccessor().invoke(payload);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			if (value == null) {
				throw new IllegalArgumentException("data is not a " + payload.getClass().getSimpleName() + ": "
						+ component.getName() + " is missing");
			}
		}
	}

}
