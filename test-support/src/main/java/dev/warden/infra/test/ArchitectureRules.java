package dev.warden.infra.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture every service keeps, written once and checked by each service's
 * {@code ArchitectureTest} against its own production classes: service jars are
 * repackaged, so no one module can import them all, while every service already tests
 * with this module.
 */
public final class ArchitectureRules {

	/**
	 * The root package name under {@code dev.warden} of each application; none uses
	 * another's classes.
	 */
	static final List<String> APPLICATIONS = List.of("auth", "session", "token", "notification", "audit", "gateway",
			"launcher");

	private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";

	private static final String CONTROLLER = "org.springframework.stereotype.Controller";

	private static final String REPOSITORY = "org.springframework.stereotype.Repository";

	private ArchitectureRules() {
	}

	/**
	 * The application's own classes, without its tests: the rules are about what ships.
	 */
	public static JavaClasses productionClasses(String application) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(rootPackage(application));
	}

	/**
	 * Services talk over HTTP and Kafka only; a class of one in another would bypass
	 * both.
	 */
	public static ArchRule applicationsDoNotDependOnEachOther(String application) {
		String[] others = APPLICATIONS.stream()
			.filter((other) -> !other.equals(application))
			.map((other) -> "dev.warden." + other + "..")
			.toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage(rootPackage(application) + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.because("services share only their APIs, their events and the shared modules");
	}

	/**
	 * Controllers reach stores and repositories only through their feature's service,
	 * where transactions, checks and events live.
	 * @param exceptions fully qualified names of controllers allowed to, each with its
	 * reason at the caller
	 */
	public static ArchRule controllersReachStorageOnlyThroughServices(String... exceptions) {
		Set<String> allowed = Set.of(exceptions);
		DescribedPredicate<JavaClass> controllers = DescribedPredicate.describe("are controllers",
				(type) -> (type.isAnnotatedWith(REST_CONTROLLER) || type.isAnnotatedWith(CONTROLLER))
						&& !allowed.contains(type.getName()));
		return noClasses().that(controllers)
			.should()
			.dependOnClassesThat(storage())
			.because("a controller that writes or reads storage itself skips its service's checks")
			// Where every controller today is an exception, the rule still guards the
			// next one.
			.allowEmptyShould(allowed.size() > 0);
	}

	/**
	 * A feature ({@code dev.warden.<application>.<feature>..}) uses no other feature's
	 * {@code *Store}, except the stores of the feature that owns the service's shared
	 * storage.
	 * @param sharedStorage that feature's package name under the application's root, or
	 * {@code null} for none
	 */
	public static ArchRule featuresUseOnlyTheirOwnStores(String application, String sharedStorage) {
		String root = rootPackage(application);
		ArchCondition<JavaClass> condition = new ArchCondition<>(
				"use no other feature's store" + ((sharedStorage != null) ? " but " + sharedStorage + "'s" : "")) {

			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				String own = feature(root, origin);
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					JavaClass target = dependency.getTargetClass();
					String theirs = feature(root, target);
					if (theirs != null && !theirs.equals(own) && !theirs.equals(sharedStorage)
							&& outermost(target).getSimpleName().endsWith("Store")) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}
		};
		return classes().that()
			.resideInAPackage(root + ".*..")
			.should(condition)
			.because("a feature's storage changes with that feature; others ask its service");
	}

	private static String rootPackage(String application) {
		if (!APPLICATIONS.contains(application)) {
			throw new IllegalArgumentException("Not a Warden application: " + application);
		}
		return "dev.warden." + application;
	}

	/**
	 * Stores and repositories, with the types nested in them (their queries and rows).
	 */
	private static DescribedPredicate<JavaClass> storage() {
		return DescribedPredicate.describe("are stores or repositories", (type) -> {
			JavaClass outer = outermost(type);
			return outer.getSimpleName().endsWith("Store") || outer.isAnnotatedWith(REPOSITORY);
		});
	}

	private static JavaClass outermost(JavaClass type) {
		JavaClass outer = type;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer;
	}

	private static String feature(String root, JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith(root + ".")) {
			return null;
		}
		String rest = name.substring(root.length() + 1);
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

}
