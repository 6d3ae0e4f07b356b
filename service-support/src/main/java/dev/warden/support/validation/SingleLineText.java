package dev.warden.support.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A name shown on one line, in mails, lists and logs: no control characters (C0 including
 * CR, LF and TAB, DEL, C1), no Unicode line or paragraph separators (U+2028, U+2029) and
 * no bidirectional overrides or isolates (U+202A–202E, U+2066–2069), which could break a
 * line or make text read differently from what it is. Any other Unicode is welcome.
 * {@code null} is valid. Code {@code control_characters}. Not for passwords, which accept
 * any Unicode.
 */
@Documented
@Constraint(validatedBy = SingleLineTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLineText {

	String message() default "contains control characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
