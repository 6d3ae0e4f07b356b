package dev.warden.session;

import dev.warden.infra.test.ApiDescription;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * session-service's part of the public API description is the one its controllers make,
 * and names every public endpoint it has and no other.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ClockTestConfiguration.class)
class ApiDescriptionIT {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theKeptDescriptionIsTheOneTheControllersMake() {
		ApiDescription.assertKept("session-service", ApiDescription.made(this.port));
	}

	@Test
	void everyPublicEndpointIsDescribedAndNothingElse() {
		assertThat(ApiDescription.operations(ApiDescription.made(this.port)))
			.isEqualTo(ApiDescription.endpoints(this.mappings));
	}

}
