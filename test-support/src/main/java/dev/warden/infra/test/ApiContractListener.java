package dev.warden.infra.test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Fails a test during which a service answered other than its API description says
 * ({@link ApiResponseCheck}).
 */
public final class ApiContractListener implements TestExecutionListener {

	/** How many violations have failed a test already (in this JVM). */
	private static final AtomicInteger REPORTED = new AtomicInteger();

	@Override
	public void afterTestMethod(TestContext testContext) {
		report();
	}

	/**
	 * Also what happened outside a test method: set-up, tear-down, late async answers.
	 */
	@Override
	public void afterTestClass(TestContext testContext) {
		report();
	}

	private static void report() {
		List<String> all = ApiContract.violations();
		int before = REPORTED.getAndSet(all.size());
		if (all.size() > before) {
			throw new AssertionError("Answers not as the API description says (gateway/src/main/resources/openapi):\n"
					+ String.join("\n", all.subList(before, all.size())));
		}
	}

}
