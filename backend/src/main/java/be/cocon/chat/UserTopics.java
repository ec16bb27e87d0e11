package be.cocon.chat;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Where a user's live events travel in the broker: one topic per user and kind,
 * {@code /topic/user.<user id>.<kind>}, to which every session of the user subscribes
 * when it subscribes to {@code /user/queue/<kind>}. The broker then reaches every session
 * of the user, on this instance or, with the broker relay, on any other, without any
 * instance having to know which sessions the others hold.
 * <p>
 * The subscription is rewritten after Spring Security has checked it against the
 * {@code /user/queue/...} rules (this configurer adds its interceptor after security's),
 * and nobody may subscribe to a user topic directly. Events carry their user destination
 * as the original destination, so clients see {@code /user/queue/<kind>} as before.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class UserTopics implements WebSocketMessageBrokerConfigurer {

	static final String USER_QUEUE_PREFIX = "/user/queue/";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+");

	/** The broker topic behind {@code /user/queue/<kind>} for one user. */
	static String of(String userId, String queue) {
		String kind = queue.startsWith("/queue/") ? queue.substring("/queue/".length()) : queue;
		if (!SAFE.matcher(userId).matches() || !SAFE.matcher(kind).matches()) {
			throw new IllegalArgumentException("Not a user topic: " + userId + " " + queue);
		}
		return "/topic/user." + userId + "." + kind;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				rewrite(message);
				return message;
			}

		});
	}

	private static void rewrite(Message<?> message) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() != StompCommand.SUBSCRIBE || accessor.getUser() == null) {
			return;
		}
		@Nullable String destination = accessor.getDestination();
		if (destination == null || !destination.startsWith(USER_QUEUE_PREFIX)) {
			return;
		}
		String kind = destination.substring(USER_QUEUE_PREFIX.length());
		if (SAFE.matcher(kind).matches()) {
			accessor.setDestination(of(accessor.getUser().getName(), kind));
		}
	}

}
