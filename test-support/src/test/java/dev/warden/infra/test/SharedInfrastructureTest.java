package dev.warden.infra.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

	@AfterEach
	void clear() {
		System.clearProperty(SharedInfrastructure.PROPERTY);
	}

	@Test
	void usesEmbeddedServersUnlessToldOtherwise() {
		assertThat(SharedInfrastructure.mode()).isEqualTo(SharedInfrastructure.Mode.EMBEDDED);
	}

	@Test
	void autoFallsBackToEmbeddedWithoutADockerEngine() {
		assumeFalse(Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null,
				"a Docker engine may be present here");
		System.setProperty(SharedInfrastructure.PROPERTY, "auto");

		assertThat(SharedInfrastructure.mode()).isEqualTo(SharedInfrastructure.Mode.EMBEDDED);
	}

	@Test
	void refusesAnUnknownMode() {
		System.setProperty(SharedInfrastructure.PROPERTY, "cloud");

		assertThatThrownBy(SharedInfrastructure::mode).isInstanceOf(IllegalArgumentException.class);
	}

}
