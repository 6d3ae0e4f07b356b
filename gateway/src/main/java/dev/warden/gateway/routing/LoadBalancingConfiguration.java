package dev.warden.gateway.routing;

import java.net.InetAddress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replicas from DNS, when {@code warden.upstream.load-balance} is on. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "warden.upstream.load-balance", havingValue = "true")
class LoadBalancingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DnsDiscoveryClient.HostResolver hostResolver() {
		return InetAddress::getAllByName;
	}

	@Bean
	DnsDiscoveryClient wardenDnsDiscoveryClient(UpstreamProperties upstream, DnsDiscoveryClient.HostResolver resolver) {
		return new DnsDiscoveryClient(upstream.byService(), resolver);
	}

}
