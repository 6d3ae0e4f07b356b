package dev.warden.auth.password.policy;

/** One broken rule: a stable {@code policy.*} code and a sentence the page can show. */
public record PolicyViolation(String code, String message) {
}
