package dev.warden.support.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import dev.warden.support.replicas.ReplicaRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

import dev.warden.serviceidentity.Claims;
import dev.warden.serviceidentity.CallerKeys;
import dev.warden.serviceidentity.ServiceTokenVerifier;
import dev.warden.support.problem.ProblemAuthenticationHandlers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
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
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Makes every servlet service an OAuth2 resource server that accepts only the gateway's
 * internal JWT: ES256 from the gateway's JWK Set, right issuer, addressed to this service
 * alone, short-lived, naming a user (except on the anonymous paths: signing in). Anything
 * else is a 401 problem+json, so a request that bypasses the gateway reaches nobody —
 * sign-in included, whose limits the gateway applies.
 */
@AutoConfiguration
@EnableMethodSecurity
@EnableConfigurationProperties({ IdentityProperties.class, InternalCallProperties.class })
public class InternalJwtSecurityConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder internalJwtDecoder(IdentityProperties properties, Environment environment) {
		// Only the gateway's algorithm: "none" and HMAC-signed tokens are refused by
		// construction.
		// Each gateway replica serves the same key set: one that is down passes the
		// fetch on to the next.
		List<URI> gateways = ReplicaRequestFactory.parse(properties.jwks());
		JdkClientHttpRequestFactory http = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build());
		http.setReadTimeout(Duration.ofSeconds(5));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(gateways.get(0).toString())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.restOperations(new RestTemplate(ReplicaRequestFactory.over(http, gateways)))
			.build();
		decoder.setJwtValidator(InternalJwtValidators.of(properties, serviceName(environment)));
		return new VerifiedTokenCache(decoder, Clock.systemUTC());
	}

	/**
	 * Which services may call {@code /internal/**} here, by their service tokens (the
	 * audience is this service).
	 */
	@Bean
	@ConditionalOnMissingBean
	ServiceTokenVerifier serviceTokenVerifier(InternalCallProperties properties, Environment environment) {
		return new ServiceTokenVerifier(serviceName(environment), CallerKeys.parse(properties.callers()),
				Clock.systemUTC());
	}

	/** Each internal endpoint admits only the callers it names. */
	@Bean
	WebMvcConfigurer calledByInterceptor() {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new CalledByInterceptor()).addPathPatterns(InternalCallProperties.PATHS);
			}
		};
	}

	/**
	 * The service's name: the audience of every token meant for it and the caller name in
	 * those it sends.
	 */
	static String serviceName(Environment environment) {
		String name = environment.getProperty("spring.application.name");
		if (name == null || name.isBlank()) {
			throw new IllegalStateException(
					"spring.application.name must name the service: internal tokens are" + " addressed to it");
		}
		return name;
	}

	/**
	 * Spring Security's firewall with its own rules, checked without regular expressions
	 * ({@link AssignedNonControl}).
	 */
	@Bean
	@ConditionalOnMissingBean
	HttpFirewall httpFirewall() {
		return AssignedNonControl.firewall();
	}

	/**
	 * No observation per security filter: a span and a timer around each of a dozen
	 * filters on every request cost a service a fifth of its time under load, and say
	 * nothing the request's own observation (http.server.requests, its span) does not.
	 */
	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean
	RecentAuthentication recentAuthentication(IdentityProperties properties) {
		return new RecentAuthentication(properties.recentAuthentication(), Clock.systemUTC());
	}

	/** Service-to-service endpoints: a calling service's own token, never a user's. */
	@Bean
	@Order(1)
	SecurityFilterChain internalCallFilterChain(HttpSecurity http, ServiceTokenVerifier verifier,
			ProblemAuthenticationHandlers problems) throws Exception {
		http.securityMatcher(InternalCallProperties.PATHS)
			.addFilterBefore(new ServiceCallFilter(verifier), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(ServiceCallFilter.ROLE))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable());
		return http.build();
	}

	/**
	 * Everything else: a gateway JWT that names a user, except on the anonymous paths
	 * (signing in), where the gateway's anonymous JWT is enough, and the public paths
	 * (health, {@code /error}), which need none. Changes to administration also need a
	 * session with a recent sign-in ({@link AdminChanges}).
	 */
	@Bean
	@Order(2)
	@ConditionalOnMissingBean(name = "internalJwtFilterChain")
	SecurityFilterChain internalJwtFilterChain(HttpSecurity http, IdentityProperties properties, JwtDecoder decoder,
			RecentAuthentication recentAuthentication, ProblemAuthenticationHandlers problems) throws Exception {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> roleAuthorities(jwt.getClaimAsStringList(Claims.ROLES)));
		AuthenticationManager anyGatewayToken = manager(decoder, converter);
		AuthenticationManager namedUser = manager(new NamedUserJwtDecoder(decoder), converter);
		RequestMatcher anonymous = properties.anonymousPaths().isEmpty() ? (request) -> false
				: new OrRequestMatcher(properties.anonymousPaths()
					.stream()
					.map((path) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
					.toList());
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers(properties.publicPaths().toArray(String[]::new))
					.permitAll()
					.requestMatchers(anonymous)
					.authenticated()
					.requestMatchers(UNSAFE_ADMINISTRATION)
					.access(new AdminChanges(recentAuthentication))
					.requestMatchers("/api/admin/**")
					.hasRole("ADMIN")
					.anyRequest()
					.authenticated())
			.oauth2ResourceServer((server) -> server.bearerTokenResolver(new AuthorizationHeaderBearerTokens())
				.authenticationManagerResolver((request) -> anonymous.matches(request) ? anyGatewayToken : namedUser)
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

	/** POST, PUT, PATCH and DELETE on {@code /api/admin/**}. */
	private static final RequestMatcher UNSAFE_ADMINISTRATION = new OrRequestMatcher(
			java.util.stream.Stream.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
				.map((method) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(method, "/api/admin/**"))
				.toList());

	private static AuthenticationManager manager(JwtDecoder decoder, JwtAuthenticationConverter converter) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(converter);
		return new ProviderManager(provider);
	}

	private static Collection<GrantedAuthority> roleAuthorities(List<String> roles) {
		if (roles == null) {
			return List.of();
		}
		return roles.stream().map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

}
