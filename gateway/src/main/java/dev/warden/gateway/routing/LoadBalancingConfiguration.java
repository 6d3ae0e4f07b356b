package dev.warden.gateway.routing;

import java.net.InetAddress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The instances of each service: its listed URLs, and with
 * {@code warden.upstream.load-balance} every address their host names resolve to; chosen
 * round-robin, passing over replicas that just refused a connection.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = LoadBalancingConfiguration.ReplicaChoice.class)
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

	/**
	 * Each service's load balancer (in its own child context, as Spring Cloud makes
	 * them).
	 */
	static class ReplicaChoice {

		@Bean
		ReactorLoadBalancer<ServiceInstance> passOverRefused(Environment environment, LoadBalancerClientFactory factory,
				RefusedReplicas refused) {
			String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
			return new PassOverRefusedLoadBalancer(factory.getLazyProvider(service, ServiceInstanceListSupplier.class),
					refused);
		}

	}

}
