package dev.warden.gateway.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Round-robin over a service's replicas, passing over those that just refused a
 * connection ({@link RefusedReplicas}).
 */
class PassOverRefusedLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private final ObjectProvider<ServiceInstanceListSupplier> suppliers;

	private final RefusedReplicas refused;

	private final AtomicInteger position = new AtomicInteger(
			java.util.concurrent.ThreadLocalRandom.current().nextInt(1000));

	PassOverRefusedLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, RefusedReplicas refused) {
		this.suppliers = suppliers;
		this.refused = refused;
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = this.suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new);
		return supplier.get(request).next().map(this::pick);
	}

	private Response<ServiceInstance> pick(List<ServiceInstance> instances) {
		if (instances.isEmpty()) {
			return new EmptyResponse();
		}
		List<ServiceInstance> usable = this.refused.usable(instances);
		int next = Math.floorMod(this.position.incrementAndGet(), usable.size());
		return new DefaultResponse(usable.get(next));
	}

}
