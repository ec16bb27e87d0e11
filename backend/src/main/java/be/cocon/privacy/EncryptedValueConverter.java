package be.cocon.privacy;

import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.mongodb.core.convert.MongoConversionContext;
import org.springframework.data.mongodb.core.convert.MongoConversionContext.OperatorContext;
import org.springframework.data.mongodb.core.convert.MongoValueConverter;
import org.springframework.stereotype.Component;

/**
 * Seals an {@link Encrypted} property when the mapping writes it (an entity, or an
 * {@code Update} that sets the property or pushes a record holding it) and opens it when
 * the mapping reads it. A text is sealed as text; anything else (a map) is first
 * converted as the mapping would store it, then sealed as one BSON document.
 */
@Component
class EncryptedValueConverter implements MongoValueConverter<Object, Object> {

	private final FieldSealer sealer;

	EncryptedValueConverter(FieldSealer sealer) {
		this.sealer = sealer;
	}

	@Override
	public @Nullable Object read(Object value, MongoConversionContext context) {
		Object opened = this.sealer.openValue(value);
		if (opened instanceof Document document) {
			return context.read(document, context.getProperty().getTypeInformation());
		}
		return opened;
	}

	@Override
	public @Nullable Object write(Object value, MongoConversionContext context) {
		OperatorContext operator = context.getOperatorContext();
		if (operator != null && !operator.isWriteOperation()) {
			if ("$exists".equals(operator.operator())) {
				return value;
			}
			// a sealed value differs on every write (random nonce): it matches nothing
			throw new InvalidDataAccessApiUsageException(
					"An encrypted property cannot be queried by its value: " + operator.path());
		}
		if (value instanceof Binary) {
			// sealed already (a document converted before it was written)
			return value;
		}
		if (value instanceof String text) {
			return this.sealer.seal(text);
		}
		Object converted = context.write(value, context.getProperty().getTypeInformation());
		if (converted instanceof Document document) {
			return this.sealer.sealDocument(document);
		}
		throw new IllegalArgumentException("An encrypted property holds a text or a map, not a "
				+ value.getClass().getSimpleName() + " (" + context.getProperty().getName() + ")");
	}

}
