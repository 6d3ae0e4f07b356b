package dev.warden.auth;

import dev.warden.infra.test.ManagementEndpoints;
import org.junit.jupiter.api.Test;

/**
 * Health, metrics and info answer on the management port only; the public port has no
 * {@code /actuator}.
 */
class ManagementPortIT extends AuthIntegrationTest {

	@Test
	void healthMetricsAndInfoAnswerOnlyOnTheManagementPort() {
		ManagementEndpoints.assertOnlyOnManagementPort(this.port, this.managementPort);
	}

}
