package com.example.securityalerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The event ids already acted on, so a redelivered event is acted on once (the listener
 * reads one record at a time, so looking and remembering need no lock between). This
 * example remembers the last 100,000 in memory; a service whose action must survive a
 * restart records the id in the same database transaction as the action (a table with the
 * event id as its primary key, {@code insert ... on conflict do nothing}).
 */
@Component
class ProcessedEvents {

	private static final int KEPT = 100_000;

	private final Set<String> ids = Collections.newSetFromMap(new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > KEPT;
		}

	});

	/** Whether the event with this id was acted on already. */
	synchronized boolean contains(String eventId) {
		return this.ids.contains(eventId);
	}

	/** The event with this id was acted on. */
	synchronized void remember(String eventId) {
		this.ids.add(eventId);
	}

}
