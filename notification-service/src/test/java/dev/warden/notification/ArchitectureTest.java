package dev.warden.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.warden.infra.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("notification");

	@Test
	void usesNoOtherServicesClasses() {
		ArchitectureRules.applicationsDoNotDependOnEachOther("notification").check(CLASSES);
	}

	@Test
	void controllersReachStorageOnlyThroughServices() {
		ArchitectureRules.controllersReachStorageOnlyThroughServices().check(CLASSES);
	}

	@Test
	void featuresUseOnlyTheirOwnStores() {
		ArchitectureRules.featuresUseOnlyTheirOwnStores("notification", null).check(CLASSES);
	}

}
