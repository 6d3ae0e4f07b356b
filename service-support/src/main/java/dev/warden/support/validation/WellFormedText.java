package dev.warden.support.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text that can be stored and hashed as it is: no unpaired UTF-16 surrogates (JSON's
 * {@code "\ud800"} decodes to one, and it has no UTF-8 form) and no NUL character
 * (PostgreSQL text cannot hold it). Any other Unicode is welcome. {@code null} is valid;
 * combine with {@code @NotNull} where required. Code {@code malformed_text}.
 */
@Documented
@Constraint(validatedBy = WellFormedTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface WellFormedText {

	String message() default "contains characters that are not valid text";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
