package be.cocon.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.data.convert.ValueConverter;

/**
 * Marks a stored property that holds free text about a client: the store keeps it sealed
 * (AES-256-GCM, the key id in every value) and the mapping opens it when read. Works on
 * {@code String} properties and on {@code Map} properties (the whole map is sealed as one
 * BSON document), on mapped records at any depth, and in {@code Update}s that set or push
 * such a record. A property written before encryption (a plain string or document) is
 * still read, and the re-encryption job seals it. Such a property cannot be queried by
 * its value.
 *
 * <p>
 * Raw {@code org.bson.Document} writes do not pass through the mapping: seal those with
 * {@link FieldCipher}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.ANNOTATION_TYPE })
@ValueConverter(EncryptedValueConverter.class)
public @interface Encrypted {

}
