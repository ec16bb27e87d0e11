package be.cocon.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import be.cocon.identity.BearerTokens;

/**
 * Authenticates the STOMP CONNECT frame with its {@code Authorization: Bearer} header, as
 * the REST API authenticates a request. A missing or bad token is answered with an ERROR
 * frame, which makes Spring close the WebSocket session, and the CONNECT is dropped.
 * Throwing instead would not reach the client: with frames handled in arrival order, an
 * exception from an interceptor is only logged and the socket stays open.
 */
class StompAuthentication implements ChannelInterceptor {

	private static final String PREFIX = "Bearer ";

	private static final byte[] EMPTY = new byte[0];

	private final BearerTokens tokens;

	private final ObjectProvider<MessageChannel> clientOutbound;

	StompAuthentication(BearerTokens tokens, ObjectProvider<MessageChannel> clientOutbound) {
		this.tokens = tokens;
		this.clientOutbound = clientOutbound;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		// CONNECT and its STOMP 1.2 alias STOMP
		if (accessor == null || accessor.getMessageType() != SimpMessageType.CONNECT) {
			return message;
		}
		String header = accessor.getFirstNativeHeader("Authorization");
		String token = (header != null && header.startsWith(PREFIX)) ? header.substring(PREFIX.length()).trim() : "";
		if (token.isEmpty()) {
			return refuse(accessor, "auth.missing-token: CONNECT needs an 'Authorization: Bearer <token>' header");
		}
		try {
			Authentication user = this.tokens.authenticate(token);
			accessor.setUser(user);
			return message;
		}
		catch (AuthenticationException ex) {
			return refuse(accessor, "auth.invalid-token: the bearer token is not valid");
		}
	}

	private @Nullable Message<?> refuse(StompHeaderAccessor connect, String reason) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(reason);
		error.setSessionId(connect.getSessionId());
		this.clientOutbound.getObject().send(MessageBuilder.createMessage(EMPTY, error.getMessageHeaders()));
		return null;
	}

}
