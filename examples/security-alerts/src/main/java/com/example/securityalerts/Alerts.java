package com.example.securityalerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** What this service does with an event: here, it records and logs an alert. */
@Component
class Alerts {

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	private final List<Alert> raised = new CopyOnWriteArrayList<>();

	void raise(String userId, String text) {
		this.raised.add(new Alert(userId, text));
		log.info("Alert for user {}: {}", userId, text);
	}

	List<Alert> raised() {
		return List.copyOf(this.raised);
	}

	record Alert(String userId, String text) {
	}

}
