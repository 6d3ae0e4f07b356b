package dev.warden.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a directory of {@code deploy/kubernetes} as Kustomize does, for the subset the
 * deployment uses: {@code resources} (YAML files, and directories with a kustomization of
 * their own) and {@code namespace}. Anything else in a kustomization is refused, so the
 * rendering here never silently differs from {@code kubectl kustomize}'s (which the
 * checks compare it with where kubectl is installed).
 */
final class Kustomization {

	private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace");

	private Kustomization() {
	}

	/** Every object the kustomization in {@code directory} produces, in order. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> render(Path directory) throws IOException {
		Map<String, Object> kustomization = load(directory.resolve("kustomization.yaml")).get(0);
		for (String key : kustomization.keySet()) {
			if (!KNOWN.contains(key)) {
				throw new IllegalStateException(directory + ": '" + key + "' is not rendered by this check");
			}
		}
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object entry : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
			Path resource = directory.resolve(String.valueOf(entry)).normalize();
			objects.addAll(Files.isDirectory(resource) ? render(resource) : load(resource));
		}
		Object namespace = kustomization.get("namespace");
		if (namespace != null) {
			for (Map<String, Object> object : objects) {
				((Map<String, Object>) object.computeIfAbsent("metadata", (key) -> new LinkedHashMap<>()))
					.put("namespace", namespace);
			}
		}
		return objects;
	}

	/** The YAML documents of a file (empty ones left out). */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> load(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
				if (document != null) {
					documents.add((Map<String, Object>) document);
				}
			}
		}
		return documents;
	}

	/**
	 * {@code kubectl kustomize}'s rendering, or {@code null} when kubectl is not
	 * installed.
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> kubectl(Path directory) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).redirectErrorStream(false)
				.start();
		}
		catch (IOException ex) {
			return null; // not installed
		}
		String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		String errors = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + errors);
		}
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

}
