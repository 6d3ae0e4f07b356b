package dev.warden.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.warden.infra.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("auth");

	@Test
	void usesNoOtherServicesClasses() {
		ArchitectureRules.applicationsDoNotDependOnEachOther("auth").check(CLASSES);
	}

	@Test
	void controllersReachStorageOnlyThroughServices() {
		ArchitectureRules.controllersReachStorageOnlyThroughServices().check(CLASSES);
	}

	@Test
	void featuresUseOnlyTheirOwnStores() {
		// user owns the users table every feature reads.
		ArchitectureRules.featuresUseOnlyTheirOwnStores("auth", "user").check(CLASSES);
	}

}
