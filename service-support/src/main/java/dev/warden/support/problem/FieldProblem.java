package dev.warden.support.problem;

/** One invalid field of a request: where, a stable code, and a sentence for people. */
public record FieldProblem(String field, String code, String message) {
}
