package be.cocon.notification;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The user agent's side of Web Push, written from the RFCs for the tests, independent of
 * the library the server uses: decrypting an aes128gcm body (RFC 8188, RFC 8291) and
 * checking a VAPID authorization (RFC 8292).
 */
final class WebPushDecryption {

	private WebPushDecryption() {
	}

	static String decrypt(byte[] body, KeyPair receiver, byte[] authSecret) throws GeneralSecurityException {
		ByteBuffer header = ByteBuffer.wrap(body);
		byte[] salt = new byte[16];
		header.get(salt);
		header.getInt(); // record size: one record here
		byte[] senderKey = new byte[header.get() & 0xff];
		header.get(senderKey);
		byte[] ciphertext = Arrays.copyOfRange(body, header.position(), body.length);

		KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(receiver.getPrivate());
		agreement.doPhase(publicKey(senderKey), true);
		byte[] sharedSecret = agreement.generateSecret();
		byte[] receiverKey = uncompressed((ECPublicKey) receiver.getPublic());
		byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), receiverKey, senderKey);
		byte[] ikm = hkdf(authSecret, sharedSecret, keyInfo, 32);
		byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
		byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

		Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
		aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
		byte[] padded = aes.doFinal(ciphertext);
		// the last record ends in a 2 delimiter, then padding zeros
		int end = padded.length - 1;
		while (end >= 0 && padded[end] == 0) {
			end--;
		}
		if (end < 0 || padded[end] != 2) {
			throw new GeneralSecurityException("No last-record delimiter");
		}
		return new String(padded, 0, end, StandardCharsets.UTF_8);
	}

	/**
	 * Checks {@code vapid t=<jwt>, k=<key>}: the JWT is ES256-signed with the key, for
	 * the push service's origin. @return the key
	 */
	static String verifyVapid(String authorization, String audience) throws GeneralSecurityException {
		String token = part(authorization, "t=");
		String key = part(authorization, "k=");
		String[] jwt = token.split("\\.");
		Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
		es256.initVerify(publicKey(Base64.getUrlDecoder().decode(key)));
		es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
		if (!es256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
			throw new GeneralSecurityException("VAPID signature does not verify");
		}
		String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
		if (!claims.contains("\"aud\":\"" + audience + "\"")) {
			throw new GeneralSecurityException("VAPID audience is not " + audience + ": " + claims);
		}
		return key;
	}

	private static String part(String authorization, String prefix) {
		for (String piece : authorization.substring("vapid ".length()).split(",")) {
			if (piece.strip().startsWith(prefix)) {
				return piece.strip().substring(prefix.length());
			}
		}
		throw new IllegalArgumentException("No " + prefix + " in the authorization");
	}

	static byte[] uncompressed(ECPublicKey key) {
		byte[] point = new byte[65];
		point[0] = 4;
		copy32(key.getW().getAffineX(), point, 1);
		copy32(key.getW().getAffineY(), point, 33);
		return point;
	}

	private static void copy32(BigInteger value, byte[] into, int at) {
		byte[] bytes = value.toByteArray();
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, into, at + 32 - length, length);
	}

	private static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
		ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
				new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
		return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve));
	}

	/** HKDF-SHA256 with one output block (all lengths here are at most 32). */
	private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(salt, "HmacSHA256"));
		byte[] prk = mac.doFinal(ikm);
		mac.init(new SecretKeySpec(prk, "HmacSHA256"));
		mac.update(info);
		mac.update((byte) 1);
		return Arrays.copyOf(mac.doFinal(), length);
	}

	private static byte[] concat(byte[]... parts) {
		ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt((part) -> part.length).sum());
		for (byte[] part : parts) {
			all.put(part);
		}
		return all.array();
	}

}
