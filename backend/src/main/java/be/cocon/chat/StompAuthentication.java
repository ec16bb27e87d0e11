package be.cocon.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

import be.cocon.identity.BearerTokens;

/**
 * Authenticates the STOMP CONNECT frame with its {@code Authorization: Bearer} header, as
 * the REST API authenticates a request. A missing or bad token makes the broker answer
 * with an ERROR frame and close the connection.
 */
class StompAuthentication implements ChannelInterceptor {

	private static final String PREFIX = "Bearer ";

	private final BearerTokens tokens;

	StompAuthentication(BearerTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor != null && StompCommand.CONNECT.equals(accessor.getCommand())) {
			accessor.setUser(authenticate(accessor.getFirstNativeHeader("Authorization")));
		}
		return message;
	}

	private Authentication authenticate(@Nullable String header) {
		if (header == null || !header.startsWith(PREFIX)) {
			throw new BadCredentialsException("CONNECT needs an 'Authorization: Bearer <token>' header");
		}
		return this.tokens.authenticate(header.substring(PREFIX.length()).trim());
	}

}
