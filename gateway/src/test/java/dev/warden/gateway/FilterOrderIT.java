package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.warden.infra.FreePorts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The gateway's own filters run in the order {@link FilterOrder} documents, as the booted
 * gateway puts them: web filters as the server chains them, global filters as Spring
 * Cloud Gateway sorts them among its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FilterOrderIT {

	static final int deadPort = FreePorts.next();

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		for (String service : new String[] { "auth", "session", "token", "audit", "notification" }) {
			registry.add("warden.upstream." + service, () -> "http://127.0.0.1:" + deadPort);
		}
		registry.add("warden.service.key", UpstreamStub.GATEWAY_SERVICE_KEY::privateJson);
		registry.add("warden.internal.auth-service-key", UpstreamStub.AUTH_SERVICE_KEY::publicJson);
	}

	@Test
	void webFiltersRunInTheDocumentedOrder() {
		List<WebFilter> chained = new ArrayList<>();
		WebHttpHandlerBuilder.applicationContext(this.context).filters(chained::addAll);

		List<Class<?>> own = own(chained);
		assertThat(own).extracting(Class::getSimpleName)
			.containsExactly("PublicPortActuatorFilter", "SecurityHeadersFilter", "AccessLogFilter",
					"RequestShapeFilter", "BodySizeFilter", "CsrfFilter");
		assertThat(own).extracting(OrderUtils::getOrder)
			.containsExactly(FilterOrder.PUBLIC_PORT_ACTUATOR, FilterOrder.SECURITY_HEADERS, FilterOrder.ACCESS_LOG,
					FilterOrder.REQUEST_SHAPE, FilterOrder.BODY_SIZE, FilterOrder.CSRF);
	}

	@Test
	void globalFiltersRunInTheDocumentedOrderBeforeRouting() {
		List<GlobalFilter> sorted = new ArrayList<>(this.context.getBeansOfType(GlobalFilter.class).values());
		AnnotationAwareOrderComparator.sort(sorted);

		List<GlobalFilter> own = sorted.stream().filter(FilterOrderIT::isOwn).toList();
		assertThat(own).extracting((filter) -> ClassUtils.getUserClass(filter).getSimpleName())
			.containsExactly("AuthenticationFilter", "RateLimitFilter", "IdentityHeadersFilter");
		assertThat(own).extracting((filter) -> ((Ordered) filter).getOrder())
			.containsExactly(FilterOrder.AUTHENTICATION, FilterOrder.RATE_LIMIT, FilterOrder.IDENTITY_HEADERS);
		// Authentication comes before Spring Cloud Gateway picks an instance to call,
		// identity headers before the
		// request is sent.
		List<String> all = sorted.stream().map((filter) -> ClassUtils.getUserClass(filter).getSimpleName()).toList();
		assertThat(all.indexOf("AuthenticationFilter")).isLessThan(all.indexOf("RouteToRequestUrlFilter"))
			.isLessThan(all.indexOf("ReactiveLoadBalancerClientFilter"));
		assertThat(all.indexOf("IdentityHeadersFilter")).isLessThan(all.indexOf("NettyRoutingFilter"));
	}

	private static List<Class<?>> own(List<?> filters) {
		List<Class<?>> own = new ArrayList<>();
		for (Object filter : filters) {
			if (isOwn(filter)) {
				own.add(ClassUtils.getUserClass(filter));
			}
		}
		return own;
	}

	private static boolean isOwn(Object filter) {
		return ClassUtils.getUserClass(filter).getPackageName().startsWith("dev.warden.gateway");
	}

}
