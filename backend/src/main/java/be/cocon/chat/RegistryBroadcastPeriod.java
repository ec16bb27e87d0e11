package be.cocon.chat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.messaging.simp.user.UserRegistryMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Sets how often an instance broadcasts its users to the others
 * ({@link BrokerRelaySettings#registryBroadcast()}): Spring broadcasts every half of the
 * registry's expiration period, which it otherwise keeps at 20 s.
 */
@Component
class RegistryBroadcastPeriod implements BeanPostProcessor {

	/**
	 * Looked up only when the handler is made: a post-processor's own dependencies are
	 * made before the other post-processors are in place.
	 */
	private final ObjectProvider<BrokerRelaySettings> relay;

	RegistryBroadcastPeriod(ObjectProvider<BrokerRelaySettings> relay) {
		this.relay = relay;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof UserRegistryMessageHandler handler) {
			handler.setRegistryExpirationPeriod(2 * this.relay.getObject().registryBroadcast().toMillis());
		}
		return bean;
	}

}
