package be.cocon.platform;

/** Which store this instance uses, for modules whose defaults differ between the two. */
public interface StoreInfo {

	/** Whether this is the embedded MongoDB-wire server rather than a real MongoDB. */
	boolean isEmbedded();

}
