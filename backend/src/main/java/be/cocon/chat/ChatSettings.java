package be.cocon.chat;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the chat module ({@code cocon.chat.*}).
 *
 * @param allowedOrigins browser origins allowed to open the WebSocket besides the app's
 * own public URL ({@code cocon.identity.issuer}); never {@code *}
 * @param maxBodyLength longest message, in characters
 * @param sendsPerMinute messages one user may send per minute (burst up to this many)
 * @param maxPageSize longest page of history
 * @param frameSizeLimit largest STOMP frame in bytes; a larger one closes the connection
 * @param sendTimeLimit how long a send to one slow client may take before it is dropped
 * @param sendBufferSizeLimit bytes buffered for one slow client before it is dropped
 * @param typingInterval at most one typing signal per user and conversation per interval
 * @param outboundThreads threads that write frames to clients; a write blocked by a slow
 * client holds one until the send-time limit cuts it off, so this is how many stalled
 * clients the others can outlast without waiting
 * @param requireOrigin whether a WebSocket handshake must carry an {@code Origin} header
 * (browsers always send one); switch off only for a native client that sends none
 * @param inboundThreads threads that handle frames from clients; a send waits for a few
 * store round trips (not for the commit), so more threads than cores keep the cores busy
 * @param lanes threads that deliver, assess and acknowledge stored messages, each
 * conversation always on the same one (so its messages are delivered in order)
 * @param maxPendingSends messages taken in and not yet acknowledged on this instance
 * (and, separately, message frames arrived and not yet handled); beyond it a send is
 * refused at once as {@code server.busy} (retryable). A message taken in waits at most
 * about this many divided by the messages per second the instance acknowledges: size it
 * as that rate times the longest acceptable wait
 * @param maxPendingSendsPerSender the same bound for one sender, so one fast sender
 * cannot take the whole instance's share; at least the longest burst one client should
 * get in without a refusal
 * @param brokerCacheLimit destinations whose subscribers the in-memory broker keeps
 * resolved; each session has a few of its own, so this must exceed a few times the number
 * of sessions or every message scans all subscriptions
 */
@ConfigurationProperties("cocon.chat")
record ChatSettings(@DefaultValue("http://localhost:5173") List<String> allowedOrigins,
		@DefaultValue("4000") int maxBodyLength, @DefaultValue("30") int sendsPerMinute,
		@DefaultValue("100") int maxPageSize, @DefaultValue("65536") int frameSizeLimit,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("524288") int sendBufferSizeLimit,
		@DefaultValue("2s") Duration typingInterval, @DefaultValue("16") int outboundThreads,
		@DefaultValue("true") boolean requireOrigin, @DefaultValue("8") int inboundThreads,
		@DefaultValue("4") int lanes, @DefaultValue("500") int maxPendingSends,
		@DefaultValue("300") int maxPendingSendsPerSender, @DefaultValue("131072") int brokerCacheLimit) {
}
