package be.cocon.platform;

/**
 * Makes "acknowledged only after it is stored" true on both stores. On a real MongoDB
 * every write already waits for a journaled majority; on the embedded store a caller
 * waits here until a group commit has written its earlier writes to the data file.
 */
public interface Durability {

	/** Returns once every write this thread made before the call is durable. */
	void awaitDurable();

}
