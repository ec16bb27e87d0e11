package be.cocon.platform;

/**
 * Makes "acknowledged only after it is stored" true on both stores. On a real MongoDB
 * every write already waits for a journaled majority; on the embedded store a caller
 * waits here until a group commit has written its earlier writes to the data file.
 */
public interface Durability {

	/** Returns once every write this thread made before the call is durable. */
	void awaitDurable();

	/**
	 * Runs the action once every write this thread made before the call is durable,
	 * without waiting for it here. Actions run one at a time, in the order they were
	 * handed in, on a thread of the store (so they must be short: hand longer work on);
	 * on a store whose writes are durable when they return, the action runs at once, on
	 * the caller's thread. An action that is still waiting when the application stops
	 * does not run.
	 */
	void afterDurable(Runnable action);

}
