package be.cocon.chat;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import be.cocon.chat.ChatViews.ErrorEvent;

/**
 * Applies the message authorization rules before Spring Security does, so that a refused
 * SUBSCRIBE or SEND is answered with an error event on the user's
 * {@code /user/queue/errors} (and dropped) instead of being lost: with frames handled in
 * arrival order, an exception thrown by an interceptor no longer reaches the client.
 * Spring Security's own interceptor stays behind this one as a backstop.
 */
class RefusalEvents implements ChannelInterceptor {

	private static final Logger log = LoggerFactory.getLogger(RefusalEvents.class);

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("anonymous", "anonymous",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final ObjectProvider<AuthorizationManager<Message<?>>> rules;

	private final ObjectProvider<ChatDelivery> delivery;

	RefusalEvents(ObjectProvider<AuthorizationManager<Message<?>>> rules, ObjectProvider<ChatDelivery> delivery) {
		this.rules = rules;
		this.delivery = delivery;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
		SimpMessageType type = accessor.getMessageType();
		if (type != SimpMessageType.SUBSCRIBE && type != SimpMessageType.MESSAGE) {
			return message;
		}
		Principal user = accessor.getUser();
		Authentication authentication = (user instanceof Authentication known) ? known : ANONYMOUS;
		if (granted(authentication, message)) {
			return message;
		}
		if (user != null) {
			String code = (type == SimpMessageType.SUBSCRIBE) ? "subscription.denied" : "destination.denied";
			this.delivery.getObject()
				.error(user.getName(),
						new ErrorEvent(code, "You may not " + verb(type) + " " + accessor.getDestination() + ".", null,
								accessor.getDestination()));
		}
		return null;
	}

	/**
	 * Whether the rules let this user do this. A destination the rules cannot even read
	 * (Spring Security decodes it as a URL path, so a stray {@code %} fails) is refused
	 * like any other.
	 */
	private boolean granted(Authentication authentication, Message<?> message) {
		try {
			AuthorizationResult result = this.rules.getObject().authorize(() -> authentication, message);
			return result == null || result.isGranted();
		}
		catch (IllegalArgumentException ex) {
			log.debug("STOMP: refused a destination that cannot be read as a path");
			return false;
		}
	}

	private static String verb(SimpMessageType type) {
		return (type == SimpMessageType.SUBSCRIBE) ? "subscribe to" : "send to";
	}

}
