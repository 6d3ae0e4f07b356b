package dev.warden.auth;

import dev.warden.infra.test.ApiDescription;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service's part of the public API description is the one its controllers make, and
 * names every public endpoint it has and no other.
 */
class ApiDescriptionIT extends AuthIntegrationTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theKeptDescriptionIsTheOneTheControllersMake() {
		ApiDescription.assertKept("auth-service", ApiDescription.made(this.port));
	}

	@Test
	void everyPublicEndpointIsDescribedAndNothingElse() {
		assertThat(ApiDescription.operations(ApiDescription.made(this.port)))
			.isEqualTo(ApiDescription.endpoints(this.mappings));
	}

}
