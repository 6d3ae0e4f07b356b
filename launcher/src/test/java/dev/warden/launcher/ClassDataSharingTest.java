package dev.warden.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataSharingTest {

	@TempDir
	Path directory;

	private Path jar;

	@BeforeEach
	void copyABuiltService() throws Exception {
		Path built = WardenService.TOKEN.jar(Path.of("..").toAbsolutePath().normalize());
		assertThat(built).as("token-service is built before the launcher").isNotNull();
		this.jar = Files.copy(built, this.directory.resolve(built.getFileName()));
	}

	@Test
	void aFirstRunStartsExtractedAndWritesTheArchiveWhenItStops() {
		ClassDataSharing.Launch launch = ClassDataSharing.prepare(this.jar);

		assertThat(launch.jar()).isEqualTo(this.directory.resolve("cds").resolve(this.jar.getFileName()));
		assertThat(launch.jar()).isRegularFile();
		assertThat(this.directory.resolve("cds/lib")).isDirectoryContaining("glob:**/spring-core-*.jar");
		assertThat(launch.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + this.directory.resolve("cds/app.jsa"))
			.noneMatch((option) -> option.startsWith("-XX:SharedArchiveFile"));
	}

	@Test
	void laterRunsUseTheArchive() throws Exception {
		ClassDataSharing.prepare(this.jar);
		Files.write(this.directory.resolve("cds/app.jsa"), new byte[] { 1 });

		ClassDataSharing.Launch launch = ClassDataSharing.prepare(this.jar);

		assertThat(launch.jvmOptions()).contains("-XX:SharedArchiveFile=" + this.directory.resolve("cds/app.jsa"))
			.noneMatch((option) -> option.startsWith("-XX:ArchiveClassesAtExit"));
	}

	@Test
	void aNewBuildExtractsAgainAndDropsTheOldArchive() throws Exception {
		ClassDataSharing.prepare(this.jar);
		Files.write(this.directory.resolve("cds/app.jsa"), new byte[] { 1 });
		Files.setLastModifiedTime(this.jar, FileTime.from(Instant.now().plusSeconds(60)));

		ClassDataSharing.Launch launch = ClassDataSharing.prepare(this.jar);

		assertThat(this.directory.resolve("cds/app.jsa")).doesNotExist();
		assertThat(launch.jar()).isRegularFile();
		assertThat(launch.jvmOptions()).anyMatch((option) -> option.startsWith("-XX:ArchiveClassesAtExit="));
	}

}
