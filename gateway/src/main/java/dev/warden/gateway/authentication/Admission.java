package dev.warden.gateway.authentication;

import java.util.List;

import dev.warden.gateway.client.ClientAddresses;
import dev.warden.gateway.identity.CallerIdentity;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What follows once a caller is let through: the identity filter finds who it is, and the
 * credentials a successful answer ends are forgotten before it leaves
 * ({@link CarriedRevocations}).
 */
@Component
class Admission {

	private final ClientAddresses clients;

	private final CarriedRevocations revocations;

	Admission(ClientAddresses clients, CarriedRevocations revocations) {
		this.clients = clients;
		this.revocations = revocations;
	}

	void admit(ServerWebExchange exchange, Resolution.Caller caller) {
		String clientIp = this.clients.of(exchange);
		if (caller instanceof Resolution.Session session) {
			SessionIntrospection live = session.session();
			exchange.getAttributes()
				.put(CallerIdentity.ATTRIBUTE, new CallerIdentity(live.userId(), live.roles(), live.sessionId(), null,
						live.authMethods(), live.authenticatedAt(), clientIp, null));
			this.revocations.forgetOnSuccess(exchange, session.cookie(), live);
		}
		else if (caller instanceof Resolution.Token token) {
			TokenIntrospection live = token.token();
			exchange.getAttributes()
				.put(CallerIdentity.ATTRIBUTE, new CallerIdentity(live.userId(), List.of(live.role()), null,
						live.tokenId(), List.of("token"), null, clientIp, null));
		}
		else if (caller instanceof Resolution.Anonymous anonymous) {
			// Still vouched for, anonymously: the service then knows the request came
			// through this door.
			exchange.getAttributes()
				.put(CallerIdentity.ATTRIBUTE, CallerIdentity.anonymous(clientIp, anonymous.replaces()));
			if (anonymous.replaces() != null && anonymous.replacedCookie() != null) {
				// This replica forgets the replaced cookie before the sign-in's answer
				// leaves.
				this.revocations.forgetOnSignIn(exchange, anonymous.replacedCookie());
			}
		}
	}

}
