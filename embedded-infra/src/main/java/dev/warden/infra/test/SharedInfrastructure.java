package dev.warden.infra.test;

import dev.warden.infra.EmbeddedInfrastructure;
import dev.warden.infra.InfrastructureSettings;

/**
 * The embedded infrastructure of one test JVM: started on first use, shared by every test and Spring
 * context in that JVM, stopped when the JVM exits.
 */
public final class SharedInfrastructure {

	private static volatile EmbeddedInfrastructure instance;

	private SharedInfrastructure() {
	}

	public static EmbeddedInfrastructure get() {
		EmbeddedInfrastructure current = instance;
		if (current == null) {
			synchronized (SharedInfrastructure.class) {
				current = instance;
				if (current == null) {
					current = EmbeddedInfrastructure.start(InfrastructureSettings.ephemeral());
					Runtime.getRuntime().addShutdownHook(new Thread(current::close, "embedded-infra-stop"));
					instance = current;
				}
			}
		}
		return current;
	}
}
