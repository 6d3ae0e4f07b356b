package dev.warden.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.stereotype.Component;

/**
 * Replicas that just refused a connection, passed over for a few seconds: the load
 * balancer hears of every failed call ({@link LoadBalancerLifecycle}), and
 * {@link PassOverRefusedLoadBalancer} then picks among the others. Without it, a retry
 * under concurrent load lands on the same dead replica about half the time (the
 * round-robin position moves with every other request). A replica is passed over only
 * while another is left: with all of them refusing, each is tried.
 */
@Component
public class RefusedReplicas implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	/** How long a replica that refused a connection gets no new calls. */
	static final Duration PASS_OVER = Duration.ofSeconds(5);

	private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
		Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
		ServiceInstance instance = chosen == null ? null : chosen.getServer();
		if (completion.status() == CompletionContext.Status.FAILED && completion.getThrowable() != null
				&& Upstreams.refused(completion.getThrowable()) && instance != null) {
			refused(instance);
		}
	}

	/** Passes the replica over for {@link #PASS_OVER}. */
	void refused(ServiceInstance instance) {
		this.refusedUntil.put(key(instance), System.nanoTime() + PASS_OVER.toNanos());
	}

	/** The replicas not passed over right now, or all of them if none is left. */
	List<ServiceInstance> usable(List<ServiceInstance> instances) {
		long now = System.nanoTime();
		List<ServiceInstance> usable = instances.stream().filter((instance) -> {
			Long until = this.refusedUntil.get(key(instance));
			return until == null || until - now < 0;
		}).toList();
		return usable.isEmpty() ? instances : usable;
	}

	private static String key(ServiceInstance instance) {
		return instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
	}

}
