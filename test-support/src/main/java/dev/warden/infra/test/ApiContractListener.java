package dev.warden.infra.test;

import java.util.List;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Fails a test during which a service answered other than its API description says
 * ({@link ApiResponseCheck}).
 */
public final class ApiContractListener implements TestExecutionListener {

	private static final String SEEN = ApiContractListener.class.getName() + ".seen";

	@Override
	public void beforeTestMethod(TestContext testContext) {
		testContext.setAttribute(SEEN, ApiContract.violations().size());
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		Object seen = testContext.getAttribute(SEEN);
		List<String> all = ApiContract.violations();
		int before = seen instanceof Integer count ? count : all.size();
		if (all.size() > before) {
			throw new AssertionError("Answers not as the API description says (gateway/src/main/resources/openapi):\n"
					+ String.join("\n", all.subList(before, all.size())));
		}
	}

}
