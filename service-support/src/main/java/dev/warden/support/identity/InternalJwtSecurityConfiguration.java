package dev.warden.support.identity;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import dev.warden.support.problem.ProblemAuthenticationHandlers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Makes every servlet service an OAuth2 resource server that accepts only the gateway's internal JWT:
 * ES256 from the gateway's JWK Set, right issuer and audience, short-lived. Anything else is a 401
 * problem+json, so a request that bypasses the gateway reaches nobody.
 */
@AutoConfiguration
@EnableMethodSecurity
@EnableConfigurationProperties({ IdentityProperties.class, InternalCallProperties.class })
public class InternalJwtSecurityConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder internalJwtDecoder(IdentityProperties properties) {
		// Only the gateway's algorithm: "none" and HMAC-signed tokens are refused by construction.
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwks())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(InternalJwtValidators.of(properties));
		return new VerifiedTokenCache(decoder, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	RecentAuthentication recentAuthentication(IdentityProperties properties) {
		return new RecentAuthentication(properties.recentAuthentication(), Clock.systemUTC());
	}

	/** Service-to-service endpoints: the shared internal key, never a user's token. */
	@Bean
	@Order(1)
	SecurityFilterChain internalCallFilterChain(HttpSecurity http, InternalCallProperties properties,
			ProblemAuthenticationHandlers problems) throws Exception {
		http.securityMatcher(InternalCallProperties.PATHS)
			.addFilterBefore(new InternalCallFilter(properties), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(InternalCallFilter.ROLE))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	@ConditionalOnMissingBean(name = "internalJwtFilterChain")
	SecurityFilterChain internalJwtFilterChain(HttpSecurity http, IdentityProperties properties,
			ProblemAuthenticationHandlers problems) throws Exception {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> roleAuthorities(jwt.getClaimAsStringList("roles")));
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(properties.publicPaths().toArray(String[]::new))
			.permitAll()
			.requestMatchers("/api/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(converter))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// The browser never talks to a service directly: CSRF is the gateway's job.
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.headers(Customizer.withDefaults());
		return http.build();
	}

	private static Collection<GrantedAuthority> roleAuthorities(List<String> roles) {
		if (roles == null) {
			return List.of();
		}
		return roles.stream().map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}
}
