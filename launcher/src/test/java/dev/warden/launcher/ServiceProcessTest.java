package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.warden.infra.InfrastructureSettings;
import org.junit.jupiter.api.Test;

/**
 * How the launcher (./run-local.sh, the system tests, the benchmarks) has each service
 * listen.
 */
class ServiceProcessTest {

	@Test
	void everyServiceListensOnTheLoopbackInterfaceOnlyWithItsManagementPort() {
		Map<String, String> listening = ServiceProcess.listening(8081, 9081);

		assertThat(listening).containsEntry("SERVER_ADDRESS", "127.0.0.1")
			.containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1")
			.containsEntry("SERVER_PORT", "8081")
			.containsEntry("MANAGEMENT_SERVER_PORT", "9081");
	}

	@Test
	void theManagementPortIsTheServicePortPlusAThousandByDefaultAndFreeOtherwise() {
		SuiteOptions defaults = new SuiteOptions(Path.of("."), InfrastructureSettings.ephemeral(), Map.of(), Map.of(),
				Map.of(), List.of(), Path.of("."), EnumSet.allOf(WardenService.class));
		SuiteOptions moved = new SuiteOptions(Path.of("."), InfrastructureSettings.ephemeral(), Map.of(),
				Map.of(WardenService.AUTH, 18081), Map.of(), List.of(), Path.of("."),
				EnumSet.allOf(WardenService.class));

		assertThat(defaults.managementPort(WardenService.GATEWAY)).isEqualTo(9080);
		assertThat(defaults.managementPort(WardenService.AUDIT)).isEqualTo(9085);
		assertThat(moved.managementPort(WardenService.AUTH)).isNotIn(18081, 9081).isPositive();
	}

}
