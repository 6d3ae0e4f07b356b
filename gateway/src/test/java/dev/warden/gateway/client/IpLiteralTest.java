package dev.warden.gateway.client;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralTest {

	/** RFC 5952, section 4 and its examples. */
	@Test
	void writesIpv6AddressesInTheirCanonicalForm() throws Exception {
		assertThat(text("0:0:0:0:0:0:0:1")).isEqualTo("::1");
		assertThat(text("0:0:0:0:0:0:0:0")).isEqualTo("::");
		assertThat(text("2001:0db8:0000:0000:0000:0000:0002:0001")).isEqualTo("2001:db8::2:1");
		assertThat(text("2001:db8:0:1:1:1:1:1")).as("one zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
		assertThat(text("2001:0:0:1:0:0:0:1")).as("the longest run").isEqualTo("2001:0:0:1::1");
		assertThat(text("2001:db8:0:0:1:0:0:1")).as("the first of equal runs").isEqualTo("2001:db8::1:0:0:1");
		assertThat(text("2001:DB8:AAAA:0:0:0:0:0")).as("lower case, a run at the end").isEqualTo("2001:db8:aaaa::");
		assertThat(text("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
	}

	@Test
	void writesIpv4AddressesAsTheyAre() throws Exception {
		assertThat(text("127.0.0.2")).isEqualTo("127.0.0.2");
		assertThat(text("::ffff:192.0.2.1")).as("IPv4-mapped: the IPv4 address").isEqualTo("192.0.2.1");
	}

	private static String text(String literal) throws Exception {
		InetAddress address = IpLiteral.parse(literal);
		assertThat(address).as(literal).isNotNull();
		return IpLiteral.text(address);
	}

}
