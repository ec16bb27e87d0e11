package be.cocon.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log event that reaches the root logger while it is attached, so a test can
 * count ERROR lines and look for text that must never be logged.
 */
public final class LogRecorder extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	private LogRecorder() {
	}

	/** Attaches a new recorder to the root logger. */
	public static LogRecorder onRoot() {
		LogRecorder recorder = new LogRecorder();
		recorder.setName("test-log-recorder");
		recorder.setContext(root().getLoggerContext());
		recorder.start();
		root().addAppender(recorder);
		return recorder;
	}

	@Override
	protected void append(ILoggingEvent event) {
		event.prepareForDeferredProcessing();
		this.events.add(event);
	}

	public List<ILoggingEvent> errors() {
		return this.events.stream().filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
	}

	/** Events whose message, arguments or exception text contain this text. */
	public List<ILoggingEvent> containing(String text) {
		return this.events.stream().filter((event) -> textOf(event).contains(text)).toList();
	}

	/** A line per event: level, logger, message and exception, for failure messages. */
	public static String describe(List<ILoggingEvent> events) {
		StringBuilder lines = new StringBuilder();
		events.stream()
			.limit(20)
			.forEach((event) -> lines.append(event.getLevel())
				.append(' ')
				.append(event.getLoggerName())
				.append(": ")
				.append(abbreviate(textOf(event)))
				.append('\n'));
		return lines.toString();
	}

	private static String abbreviate(String text) {
		return (text.length() > 600) ? text.substring(0, 600) + "..." : text;
	}

	private static String textOf(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
		}
		return text.toString();
	}

	@Override
	public void close() {
		root().detachAppender(this);
		stop();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
