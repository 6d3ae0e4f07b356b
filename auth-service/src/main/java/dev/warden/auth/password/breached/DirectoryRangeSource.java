package dev.warden.auth.password.breached;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Range files an operator downloaded (for a service without a way out to the internet):
 * {@code <directory>/<PREFIX>} or {@code <PREFIX>.txt}, in the API's format. A missing
 * file is a range that cannot be had, as an API that does not answer.
 */
final class DirectoryRangeSource implements RangeSource {

	private final Path directory;

	DirectoryRangeSource(Path directory) {
		this.directory = directory;
	}

	@Override
	public String range(String prefix) throws IOException {
		for (String name : new String[] { prefix, prefix + ".txt" }) {
			Path file = this.directory.resolve(name);
			if (Files.isRegularFile(file)) {
				if (Files.size(file) > HttpRangeSource.MAX_RANGE_BYTES) {
					throw new IOException("range file larger than " + HttpRangeSource.MAX_RANGE_BYTES + " bytes");
				}
				return Files.readString(file, StandardCharsets.UTF_8);
			}
		}
		throw new NoSuchFileException(this.directory.resolve(prefix).toString());
	}

}
