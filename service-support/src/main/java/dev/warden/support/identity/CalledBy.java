package dev.warden.support.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The services an internal endpoint accepts calls from, by name
 * ({@link InternalCallProperties#GATEWAY}, {@link InternalCallProperties#AUTH_SERVICE}).
 * Required on every handler under {@code /internal/**}: one without it refuses every
 * caller.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface CalledBy {

	String[] value();

}
