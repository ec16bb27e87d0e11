package be.cocon.privacy;

import java.util.regex.Pattern;

/**
 * A client being erased.
 *
 * @param clientId the account id that disappears
 * @param replacementId what anonymised history that must stay refers to instead, e.g. an
 * escalation a moderator handled ({@code deleted-<random>}); nothing links it back to the
 * client once the erasure is done
 * @param username the client's username, so modules can find what is keyed by it
 * @param pseudonym the client's pseudonym
 */
public record ErasedClient(String clientId, String replacementId, String username, String pseudonym) {

	/** How every replacement id begins, so staff views can say "deleted client". */
	public static final String REPLACEMENT_PREFIX = "deleted-";

	public static boolean isReplacement(String id) {
		return id.startsWith(REPLACEMENT_PREFIX);
	}

	/** The text with every occurrence of the client id replaced by the replacement id. */
	public String rekey(String text) {
		return text.replace(this.clientId, this.replacementId);
	}

	/**
	 * A regular expression (for a store query) matching ids that begin with the client id
	 * followed by {@code separator}.
	 */
	public String idPrefixPattern(String separator) {
		return "^" + Pattern.quote(this.clientId + separator);
	}

}
