package be.cocon.privacy;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.convert.PropertyValueConverterFactory;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * The mapping's conversions, with property value converters taken from the application
 * context, so {@link Encrypted} properties are sealed by {@link EncryptedValueConverter}.
 * Replaces Spring Boot's own conversions bean, keeping what it configures (the BigDecimal
 * representation).
 */
@Configuration(proxyBeanMethods = false)
class EncryptionConfiguration {

	@Bean
	MongoCustomConversions mongoCustomConversions(BeanFactory beans, DataMongoProperties properties) {
		return MongoCustomConversions.create((adapter) -> {
			if (properties.getRepresentation().getBigDecimal() != null) {
				adapter.bigDecimal(properties.getRepresentation().getBigDecimal());
			}
			adapter.registerPropertyValueConverterFactory(PropertyValueConverterFactory.beanFactoryAware(beans));
		});
	}

}
