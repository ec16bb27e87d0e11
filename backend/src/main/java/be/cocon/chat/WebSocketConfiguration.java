package be.cocon.chat;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import be.cocon.identity.BearerTokens;

/**
 * STOMP over WebSocket at {@code /ws}: only configured origins may connect (and, unless
 * configured otherwise, only with an Origin header), frames that break the protocol are
 * refused before Spring's STOMP handler sees them ({@link StompFrameGate}), CONNECT is
 * authenticated before Spring Security's message authorization runs (this configurer is
 * ordered first), frames of a session keep their order both ways, frames and slow
 * consumers are bounded, and one instance uses the simple in-memory broker with
 * heartbeats, several instances a STOMP broker relay ({@link BrokerRelaySettings}). The
 * container hands over a large WebSocket message in parts of its default buffer size (8
 * KiB) rather than holding a buffer of the frame limit for every session: the STOMP
 * decoders put frames together and enforce the frame limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@Order(Ordered.HIGHEST_PRECEDENCE + 99)
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	private final ChatSettings settings;

	private final BearerTokens tokens;

	private final String publicUrl;

	private final RefusalEvents refusals;

	private final ObjectProvider<MessageChannel> clientOutbound;

	/** Where instances tell each other which users have sessions open on them. */
	static final String REGISTRY_BROADCAST = "/topic/cocon.user-registry";

	private final SendBacklog backlog;

	private final BrokerRelaySettings relay;

	WebSocketConfiguration(ChatSettings settings, BrokerRelaySettings relay, BearerTokens tokens,
			@Value("${cocon.identity.issuer:http://localhost:8080}") String publicUrl,
			ObjectProvider<AuthorizationManager<Message<?>>> rules, ObjectProvider<ChatDelivery> delivery,
			@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound) {
		this.settings = settings;
		this.relay = relay;
		this.tokens = tokens;
		this.refusals = new RefusalEvents(rules, delivery);
		this.clientOutbound = clientOutbound;
		this.backlog = new SendBacklog(settings.maxPendingSends(), settings.maxPendingSendsPerSender());
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		List<String> origins = new ArrayList<>(this.settings.allowedOrigins());
		origins.add(this.publicUrl);
		registry.addEndpoint("/ws")
			.setAllowedOrigins(origins.toArray(String[]::new))
			.addInterceptors(new OriginRequired(this.settings.requireOrigin()));
		// frames of one session are handled in the order they arrived, so one sender's
		// messages get increasing sequence numbers
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
		heartbeats.setPoolSize(1);
		heartbeats.setThreadNamePrefix("stomp-heartbeat-");
		// not a bean, so nothing would stop it: daemon threads never keep the app from
		// exiting
		heartbeats.setDaemon(true);
		heartbeats.initialize();
		registry.setApplicationDestinationPrefixes("/app");
		// and events reach each session in the order they were published
		registry.setPreservePublishOrder(true);
		registry.setUserDestinationPrefix("/user");
		// every user has topics of their own (UserTopics): the in-memory broker's cache
		// of
		// resolved subscribers must hold them all, or each message scans every
		// subscription of every session
		registry.setCacheLimit(this.settings.brokerCacheLimit());
		if (this.relay.enabled()) {
			// several instances: the broker destinations live in RabbitMQ (or another
			// STOMP
			// broker), which every instance relays its sessions' subscriptions and its
			// events to; it reconnects by itself when the broker restarts
			int heartbeat = (int) this.relay.heartbeat().toMillis();
			registry.enableStompBrokerRelay("/topic", "/queue")
				.setRelayHost(this.relay.host())
				.setRelayPort(this.relay.port())
				.setVirtualHost(this.relay.virtualHost())
				.setClientLogin(this.relay.login())
				.setClientPasscode(this.relay.passcode())
				.setSystemLogin(this.relay.login())
				.setSystemPasscode(this.relay.passcode())
				.setSystemHeartbeatSendInterval(heartbeat)
				.setSystemHeartbeatReceiveInterval(heartbeat)
				// each instance tells the others who has a session open on it, for
				// presence
				.setUserRegistryBroadcast(REGISTRY_BROADCAST)
				.setTaskScheduler(heartbeats);
		}
		else {
			registry.enableSimpleBroker("/topic", "/queue")
				.setHeartbeatValue(new long[] { 10_000, 10_000 })
				.setTaskScheduler(heartbeats);
		}
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new StompAuthentication(this.tokens, this.clientOutbound), this.refusals,
				new ExecutorChannelInterceptor() {

					@Override
					public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
							@Nullable Exception ex) {
						SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
						if (accessor.getMessageType() == SimpMessageType.MESSAGE
								&& SendBacklog.isMessageSend(accessor.getDestination())
								&& accessor.getSessionId() != null) {
							WebSocketConfiguration.this.backlog.handled(accessor.getSessionId());
						}
					}

				});
		registration.taskExecutor().corePoolSize(this.settings.inboundThreads());
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.taskExecutor().corePoolSize(this.settings.outboundThreads());
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(this.settings.frameSizeLimit())
			.setSendTimeLimit((int) this.settings.sendTimeLimit().toMillis())
			.setSendBufferSizeLimit(this.settings.sendBufferSizeLimit())
			.addDecoratorFactory(
					(handler) -> new StompFrameGate(handler, this.settings.frameSizeLimit(), this.backlog));
	}

}
