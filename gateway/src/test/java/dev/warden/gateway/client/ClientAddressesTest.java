package dev.warden.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

class ClientAddressesTest {

	private final ClientAddresses addresses = new ClientAddresses(
			new ClientAddressProperties(List.of("10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.1")));

	@Test
	void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() throws Exception {
		assertThat(resolve("203.0.113.5", Map.of("X-Forwarded-For", "198.51.100.1"))).isEqualTo("203.0.113.5");
		assertThat(resolve("203.0.113.5", Map.of("Forwarded", "for=198.51.100.1"))).isEqualTo("203.0.113.5");
	}

	@Test
	void behindTrustedProxiesTheClientIsTheRightMostHopThatIsNoProxy() throws Exception {
		assertThat(resolve("10.1.2.3", Map.of("X-Forwarded-For", "198.51.100.66, 203.0.113.7, 10.9.9.9")))
			.isEqualTo("203.0.113.7");
		assertThat(
				resolve("192.0.2.1", Map.of("Forwarded", "for=198.51.100.66, for=\"[2001:db8::17]:4711\";proto=https")))
			.isEqualTo(InetAddress.getByName("2001:db8::17").getHostAddress());
		assertThat(resolve("2001:db8:ffff::1", Map.of("X-Forwarded-For", "203.0.113.8:5555"))).isEqualTo("203.0.113.8");
	}

	@Test
	void aHopThatIsNoAddressEndsTheChainAtTheProxyThatReportedIt() throws Exception {
		assertThat(resolve("10.1.2.3", Map.of("Forwarded", "for=198.51.100.66, for=unknown"))).isEqualTo("10.1.2.3");
		assertThat(resolve("10.1.2.3", Map.of("X-Forwarded-For", "198.51.100.66, 999.1.1.1, 10.0.0.4")))
			.isEqualTo("10.0.0.4");
		assertThat(resolve("10.1.2.3", Map.of("X-Forwarded-For", "evil.example"))).isEqualTo("10.1.2.3");
	}

	@Test
	void whenEveryHopIsAProxyTheLeftMostIsTheClient() throws Exception {
		assertThat(resolve("10.1.2.3", Map.of("X-Forwarded-For", "10.7.7.7, 10.8.8.8"))).isEqualTo("10.7.7.7");
		assertThat(resolve("10.1.2.3", Map.of())).isEqualTo("10.1.2.3");
	}

	@Test
	void forwardedAndXForwardedForThatDisagreeAreBothDisbelieved() throws Exception {
		assertThat(resolve("10.1.2.3", Map.of("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=198.51.100.1")))
			.isEqualTo("10.1.2.3");
		assertThat(resolve("10.1.2.3", Map.of("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.7")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void refusesASettingThatIsNoCidrBlock() {
		assertThatThrownBy(() -> new ClientAddresses(new ClientAddressProperties(List.of("proxy.example"))))
			.hasMessageContaining("trusted-proxies");
		assertThatThrownBy(() -> new ClientAddresses(new ClientAddressProperties(List.of("10.0.0.0/33"))))
			.hasMessageContaining("trusted-proxies");
	}

	private String resolve(String peer, Map<String, String> headers) throws Exception {
		HttpHeaders http = new HttpHeaders();
		headers.forEach(http::add);
		return this.addresses.resolve(InetAddress.getByName(peer), http).getHostAddress();
	}

}
