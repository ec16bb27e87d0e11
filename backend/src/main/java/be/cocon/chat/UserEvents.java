package be.cocon.chat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * Sends live events: to every open STOMP session of a user (a user destination such as
 * {@code /queue/escalations}, which the browser subscribes to as
 * {@code /user/queue/escalations}), or to everyone subscribed to a topic. Every module
 * sends its live events through here.
 * <p>
 * A user's event goes to the user's topic for that kind ({@link UserTopics}), which every
 * session of the user subscribes to: the broker makes one copy per session (each with
 * headers of its own), and with the broker relay it reaches the user's sessions on every
 * instance. When nobody is subscribed, nobody receives it.
 * <p>
 * Live events are a convenience on top of the store: when the broker is not available
 * (the relay lost RabbitMQ), an event is dropped rather than failing the work that sent
 * it (storing a message, assessing it for risk), and clients catch up from the store when
 * they reconnect.
 */
@Component
public class UserEvents implements ApplicationListener<BrokerAvailabilityEvent> {

	private static final Logger log = LoggerFactory.getLogger(UserEvents.class);

	/** The user destination prefix ({@code WebSocketConfiguration}). */
	private static final String USER_PREFIX = "/user";

	private final SimpMessagingTemplate broker;

	private final AtomicBoolean brokerLost = new AtomicBoolean();

	/** The application is shutting down: the broker stopping then is no outage. */
	private volatile boolean closing;

	UserEvents(SimpMessagingTemplate broker) {
		this.broker = broker;
	}

	/** Sends the payload to every open session of the user. */
	public void send(String userId, String destination, Object payload) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		// clients see the destination they subscribed to
		headers.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, USER_PREFIX + destination);
		headers.setLeaveMutable(true);
		publish(UserTopics.of(userId, destination), payload, headers.getMessageHeaders());
	}

	/**
	 * Sends the payload to everyone subscribed to a topic, such as
	 * {@code /topic/escalations}.
	 */
	public void toTopic(String topic, Object payload) {
		publish(topic, payload, null);
	}

	private void publish(String destination, Object payload, @Nullable MessageHeaders headers) {
		try {
			if (headers != null) {
				this.broker.convertAndSend(destination, payload, headers);
			}
			else {
				this.broker.convertAndSend(destination, payload);
			}
		}
		catch (MessageDeliveryException ex) {
			log.debug("Live event to {} dropped: the message broker is not available", destination);
		}
	}

	@EventListener
	void closing(ContextClosedEvent event) {
		this.closing = true;
	}

	@Override
	public void onApplicationEvent(BrokerAvailabilityEvent event) {
		if (this.closing) {
			return;
		}
		if (!event.isBrokerAvailable() && this.brokerLost.compareAndSet(false, true)) {
			log.warn("Live events: the message broker is not available; live events are dropped until it is "
					+ "back, and clients catch up from the store when they reconnect");
		}
		else if (event.isBrokerAvailable() && this.brokerLost.compareAndSet(true, false)) {
			log.info("Live events: the message broker is available again");
		}
	}

}
