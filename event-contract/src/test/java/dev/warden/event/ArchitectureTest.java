package dev.warden.event;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every service and the gateway read the contract, whatever they are built with; so it
 * needs neither.
 */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.warden.event");

	@Test
	void doesNotDependOnSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CLASSES);
	}

	@Test
	void dependsOnNoOtherWardenModule() {
		// Services included: the contract is the one module every other depends on.
		noClasses().should()
			.dependOnClassesThat(resideInAPackage("dev.warden..")
				.and(DescribedPredicate.not(resideInAPackage("dev.warden.event.."))))
			.check(CLASSES);
	}

}
