package dev.warden.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whose bucket a client address spends. */
class RateLimitKeyTest {

	@Test
	void anIpv6ClientCountsWithItsWholeSlash64AndAnIpv4ClientAlone() {
		assertThat(RateLimitFilter.clientKey("2001:db8:1:2::1"))
			.isEqualTo(RateLimitFilter.clientKey("2001:db8:1:2:ffff::9"))
			.isEqualTo("ip6:20010db800010002/64");
		assertThat(RateLimitFilter.clientKey("2001:db8:1:3::1"))
			.isNotEqualTo(RateLimitFilter.clientKey("2001:db8:1:2::1"));
		assertThat(RateLimitFilter.clientKey("fe80::1%eth0")).isEqualTo("ip6:fe80000000000000/64");
		assertThat(RateLimitFilter.clientKey("198.51.100.7")).isEqualTo("ip:198.51.100.7");
		assertThat(RateLimitFilter.clientKey("198.51.100.8")).isNotEqualTo(RateLimitFilter.clientKey("198.51.100.7"));
		assertThat(RateLimitFilter.clientKey("::ffff:198.51.100.7")).as("an IPv4 address written as IPv6")
			.isEqualTo("ip:198.51.100.7");
		assertThat(RateLimitFilter.clientKey(null)).isEqualTo("ip:unknown");
		assertThat(RateLimitFilter.clientKey("not:an:address:zz")).as("never looked up as a name")
			.isEqualTo("ip:not:an:address:zz");
	}

}
