package dev.warden.gateway.routing;

import java.net.InetAddress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The instances of each service: its listed URLs, and with
 * {@code warden.upstream.load-balance} every address their host names resolve to.
 */
@Configuration(proxyBeanMethods = false)
class LoadBalancingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DnsDiscoveryClient.HostResolver hostResolver() {
		return InetAddress::getAllByName;
	}

	@Bean
	DnsDiscoveryClient wardenDnsDiscoveryClient(UpstreamProperties upstream, DnsDiscoveryClient.HostResolver resolver) {
		return new DnsDiscoveryClient(upstream.byService(), upstream.loadBalance(), resolver);
	}

}
