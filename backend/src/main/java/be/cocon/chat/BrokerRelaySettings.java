package be.cocon.chat;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where live events go between instances. Without a host, one instance keeps them in its
 * in-memory broker; with one, every instance relays its broker destinations to a STOMP
 * broker (RabbitMQ with {@code rabbitmq_stomp}), so that a user reaches everyone
 * connected to any instance.
 *
 * @param host the STOMP broker's host; empty keeps the in-memory broker (one instance)
 * @param port its STOMP port
 * @param login the user the instances connect as (from the environment, e.g.
 * {@code COCON_CHAT_RELAY_LOGIN}; RabbitMQ's {@code guest} works from the same machine
 * only)
 * @param passcode its password (from the environment only)
 * @param virtualHost the broker's virtual host
 * @param heartbeat heartbeats between the instance and the broker, both ways
 * @param registryBroadcast how often each instance tells the others which users have a
 * session open on it (Spring's user registry broadcast); presence across instances is at
 * most this late, and an instance that stopped is forgotten after twice this
 */
@ConfigurationProperties("cocon.chat.relay")
record BrokerRelaySettings(@Nullable String host, @DefaultValue("61613") int port, @DefaultValue("guest") String login,
		@DefaultValue("guest") String passcode, @DefaultValue("/") String virtualHost,
		@DefaultValue("10s") Duration heartbeat, @DefaultValue("5s") Duration registryBroadcast) {

	boolean enabled() {
		return this.host != null && !this.host.isBlank();
	}

}
