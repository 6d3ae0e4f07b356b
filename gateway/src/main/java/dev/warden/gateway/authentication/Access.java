package dev.warden.gateway.authentication;

import dev.warden.gateway.problem.GatewayProblem;
import org.jspecify.annotations.Nullable;

/**
 * Whether a caller may make a request: allowed, or refused with the problem that says
 * why.
 */
record Access(@Nullable GatewayProblem refusal) {

	static final Access ALLOWED = new Access(null);

	static Access refused(GatewayProblem problem) {
		return new Access(problem);
	}

	boolean allowed() {
		return this.refusal == null;
	}
}
