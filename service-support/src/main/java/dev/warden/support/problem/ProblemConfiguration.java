package dev.warden.support.problem;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Registers problem+json handling for MVC, the container's error page and Spring
 * Security's entry points.
 */
// Before Boot's error handling, whose BasicErrorController backs off when ours exists.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@Import({ ProblemHandler.class, ProblemErrorController.class })
public class ProblemConfiguration {

	/**
	 * Hands encoded slashes ({@code %2F}) to Spring's HTTP firewall, which refuses them
	 * with a problem+json 400, instead of Tomcat refusing them itself with an HTML page.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
		return (connector) -> connector.setEncodedSolidusHandling("passthrough");
	}

	/**
	 * Tomcat's error report (the HTML page it writes for requests it refuses itself) as
	 * problem+json: replaces the ErrorReportValve Boot puts on the host, so this runs
	 * after Boot's customizer.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return new ProblemErrorReports();
	}

	static final class ProblemErrorReports
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve) {
							host.getPipeline().removeValve(valve);
						}
					}
					host.getPipeline().addValve(new ProblemErrorReportValve());
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	@Bean
	ProblemAuthenticationHandlers problemAuthenticationHandlers(JsonMapper json) {
		return new ProblemAuthenticationHandlers(json);
	}

}
