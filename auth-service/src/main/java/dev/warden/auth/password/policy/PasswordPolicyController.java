package dev.warden.auth.password.policy;

import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.warden.support.identity.RecentAuthentication;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rules in force, for the Security page to show next to the new-password field, and
 * their administration ({@code ADMIN}, with a recent sign-in: loosening the policy is as
 * sensitive as any setting).
 */
@RestController
class PasswordPolicyController {

	private final PasswordPolicyService policies;

	private final RecentAuthentication recentAuthentication;

	PasswordPolicyController(PasswordPolicyService policies, RecentAuthentication recentAuthentication) {
		this.policies = policies;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping("/api/security/password/policy")
	@Tag(name = "Password")
	@Operation(operationId = "getPasswordPolicy", summary = "The password rules in force, for the page to show them")
	PasswordPolicy current() {
		return this.policies.current();
	}

	@GetMapping("/api/admin/password-policy")
	@Tag(name = "Administration")
	@Operation(operationId = "getPasswordPolicyForAdministrators", summary = "The password policy, to change it")
	PasswordPolicy forAdministrators() {
		return this.policies.current();
	}

	@PutMapping("/api/admin/password-policy")
	@Tag(name = "Administration")
	@Operation(operationId = "changePasswordPolicy",
			summary = "Change the password policy; answers the policy now in force")
	PasswordPolicy change(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody PasswordPolicy policy) {
		this.recentAuthentication.require(jwt);
		return this.policies.change(policy, jwt.getSubject());
	}

}
