package dev.warden.session;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.warden.infra.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("session");

	@Test
	void usesNoOtherServicesClasses() {
		ArchitectureRules.applicationsDoNotDependOnEachOther("session").check(CLASSES);
	}

	@Test
	void controllersReachStorageOnlyThroughServices() {
		ArchitectureRules.controllersReachStorageOnlyThroughServices().check(CLASSES);
	}

	@Test
	void featuresUseOnlyTheirOwnStores() {
		// store holds the sessions in Redis for the whole service.
		ArchitectureRules.featuresUseOnlyTheirOwnStores("session", "store").check(CLASSES);
	}

}
