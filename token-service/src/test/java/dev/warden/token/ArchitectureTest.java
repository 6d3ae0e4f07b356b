package dev.warden.token;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.warden.infra.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("token");

	@Test
	void usesNoOtherServicesClasses() {
		ArchitectureRules.applicationsDoNotDependOnEachOther("token").check(CLASSES);
	}

	@Test
	void controllersReachStorageOnlyThroughServices() {
		ArchitectureRules.controllersReachStorageOnlyThroughServices().check(CLASSES);
	}

	@Test
	void featuresUseOnlyTheirOwnStores() {
		// issue owns the tokens table, which introspection and the expiry notices read.
		ArchitectureRules.featuresUseOnlyTheirOwnStores("token", "lifecycle").check(CLASSES);
	}

}
