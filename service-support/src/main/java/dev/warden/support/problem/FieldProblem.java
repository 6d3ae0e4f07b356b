package dev.warden.support.problem;

import org.jspecify.annotations.Nullable;

/** One invalid field of a request: where, a stable code, and a sentence for people. */
public record FieldProblem(@Nullable String field, String code, @Nullable String message) {
}
