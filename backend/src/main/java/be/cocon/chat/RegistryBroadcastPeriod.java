package be.cocon.chat;

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

	private final BrokerRelaySettings relay;

	RegistryBroadcastPeriod(BrokerRelaySettings relay) {
		this.relay = relay;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof UserRegistryMessageHandler handler) {
			handler.setRegistryExpirationPeriod(2 * this.relay.registryBroadcast().toMillis());
		}
		return bean;
	}

}
