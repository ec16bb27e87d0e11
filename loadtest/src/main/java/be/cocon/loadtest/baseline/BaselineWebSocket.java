package be.cocon.loadtest.baseline;

import java.security.Principal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.DefaultSubscriptionRegistry;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * The settings of Cocon's {@code WebSocketConfiguration} that shape throughput and order,
 * with its defaults: frames of a session handled in arrival order and events delivered in
 * publish order, the simple broker with 10 s heartbeats, 16 threads writing to clients,
 * the same frame, buffer and send-time limits. The user is whatever the CONNECT frame's
 * {@code Authorization} header says, taken as it is.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class BaselineWebSocket implements WebSocketMessageBrokerConfigurer {

	/**
	 * The container's WebSocket message limit per session; 0 keeps Spring's, as Cocon
	 * does (it takes large messages in parts). Set it ({@code
	 * -Dbaseline.container-message-limit}, e.g. 131072 as Cocon had it) to see what a
	 * buffer of that size costs per idle session.
	 */
	private final int containerMessageLimit;

	/**
	 * Entries of the simple broker's cache of resolved destinations, by default Cocon's
	 * ({@code cocon.chat.broker-cache-limit}, 131072); 0 keeps Spring's (1024). Every
	 * session has destinations of its own ({@code /queue/acks-user<id>}), so with more of
	 * them than the cache holds a lookup misses and scans every subscription
	 * ({@code -Dbaseline.subscription-cache-limit}).
	 */
	private final int subscriptionCacheLimit;

	BaselineWebSocket(@Value("${baseline.container-message-limit:0}") int containerMessageLimit,
			@Value("${baseline.subscription-cache-limit:131072}") int subscriptionCacheLimit) {
		this.containerMessageLimit = containerMessageLimit;
		this.subscriptionCacheLimit = subscriptionCacheLimit;
	}

	@EventListener
	void ready(ApplicationReadyEvent ready) {
		if (this.subscriptionCacheLimit > 0) {
			SimpleBrokerMessageHandler broker = ready.getApplicationContext().getBean(SimpleBrokerMessageHandler.class);
			((DefaultSubscriptionRegistry) broker.getSubscriptionRegistry()).setCacheLimit(this.subscriptionCacheLimit);
		}
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws").setAllowedOriginPatterns("*");
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
		heartbeats.setPoolSize(1);
		heartbeats.setThreadNamePrefix("stomp-heartbeat-");
		heartbeats.setDaemon(true);
		heartbeats.initialize();
		registry.setApplicationDestinationPrefixes("/app");
		registry.setPreservePublishOrder(true);
		registry.setUserDestinationPrefix("/user");
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(new long[] { 10_000, 10_000 })
			.setTaskScheduler(heartbeats);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
				if (accessor != null && accessor.getMessageType() == SimpMessageType.CONNECT) {
					String user = accessor.getFirstNativeHeader("Authorization");
					if (user != null) {
						accessor.setUser(new Named(user));
					}
				}
				return message;
			}
		});
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.taskExecutor().corePoolSize(16);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(65_536).setSendTimeLimit(10_000).setSendBufferSizeLimit(524_288);
		if (this.containerMessageLimit > 0) {
			registration.addDecoratorFactory((handler) -> new WebSocketHandlerDecorator(handler) {
				@Override
				public void afterConnectionEstablished(WebSocketSession session) throws Exception {
					session.setTextMessageSizeLimit(BaselineWebSocket.this.containerMessageLimit);
					session.setBinaryMessageSizeLimit(BaselineWebSocket.this.containerMessageLimit);
					super.afterConnectionEstablished(session);
				}
			});
		}
	}

	private record Named(String getName) implements Principal {
	}

}
