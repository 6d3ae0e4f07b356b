package dev.warden.event;

import org.jspecify.annotations.Nullable;

/**
 * An event caused by a request, with where it came from as the gateway established it.
 */
public interface FromClient {

	@Nullable String ip();

	@Nullable String userAgent();

}
