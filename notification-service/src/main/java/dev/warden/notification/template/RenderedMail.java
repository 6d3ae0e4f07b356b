package dev.warden.notification.template;

/** A mail ready to send: subject, HTML and plain-text parts. */
public record RenderedMail(String subject, String html, String text) {
}
