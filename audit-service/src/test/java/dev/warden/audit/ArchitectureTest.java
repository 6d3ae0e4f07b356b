package dev.warden.audit;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.warden.infra.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("audit");

	@Test
	void usesNoOtherServicesClasses() {
		ArchitectureRules.applicationsDoNotDependOnEachOther("audit").check(CLASSES);
	}

	@Test
	void controllersReachStorageOnlyThroughServices() {
		// Both only read the security log (find, stream, verify); appends and removals
		// stay in ingest and retention.
		// A service between them and the store would only forward, so they keep the store
		// until the log gets one.
		ArchitectureRules
			.controllersReachStorageOnlyThroughServices("dev.warden.audit.log.MySecurityLogController",
					"dev.warden.audit.log.AdminSecurityLogController")
			.check(CLASSES);
	}

	@Test
	void featuresUseOnlyTheirOwnStores() {
		// log owns the security log, which ingestion appends to and retention trims.
		ArchitectureRules.featuresUseOnlyTheirOwnStores("audit", "log").check(CLASSES);
	}

}
