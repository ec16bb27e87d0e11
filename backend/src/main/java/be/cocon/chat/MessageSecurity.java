package be.cocon.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;

import be.cocon.identity.Role;

/**
 * Who may send and subscribe where on the STOMP channel. Application destinations need an
 * authenticated user (the participant check, with an error event, is in the handlers); a
 * user subscribes only to their own queues and to the typing topic of conversations they
 * take part in; moderators subscribe to the escalation queue of the safety module; nobody
 * sends to the broker directly. Anything else is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketSecurity
class MessageSecurity {

	@Bean
	AuthorizationManager<Message<?>> messageAuthorizationManager(
			MessageMatcherDelegatingAuthorizationManager.Builder messages, Conversations conversations) {
		messages.simpTypeMatchers(SimpMessageType.CONNECT)
			.authenticated()
			.simpTypeMatchers(SimpMessageType.UNSUBSCRIBE, SimpMessageType.DISCONNECT, SimpMessageType.HEARTBEAT)
			.permitAll()
			.simpMessageDestMatchers("/app/**")
			.authenticated()
			.simpSubscribeDestMatchers("/user/queue/messages", "/user/queue/acks", "/user/queue/errors",
					"/user/queue/read", "/user/queue/presence", "/user/queue/escalations")
			.authenticated()
			.simpSubscribeDestMatchers("/topic/escalations")
			.hasRole(Role.MODERATOR.name())
			.simpSubscribeDestMatchers("/topic/typing.{conversationId}")
			.access(participantOf(conversations))
			.anyMessage()
			.denyAll();
		return messages.build();
	}

	/**
	 * The CONNECT frame carries a bearer token, not a session cookie, so cross-site
	 * request forgery does not apply and no CSRF token is asked for.
	 */
	@Bean
	ChannelInterceptor csrfChannelInterceptor() {
		return new ChannelInterceptor() {
		};
	}

	private static AuthorizationManager<MessageAuthorizationContext<?>> participantOf(Conversations conversations) {
		return (authentication, context) -> {
			String conversationId = context.getVariables().get("conversationId");
			String user = authentication.get().getName();
			boolean allowed = conversationId != null && conversations.findById(conversationId)
				.map((conversation) -> conversation.hasParticipant(user))
				.orElse(false);
			return new AuthorizationDecision(allowed);
		};
	}

}
