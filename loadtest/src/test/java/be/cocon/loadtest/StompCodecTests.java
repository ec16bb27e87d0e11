package be.cocon.loadtest;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StompCodecTests {

	@Test
	void sendFrameCarriesItsBodyLengthInUtf8Bytes() {
		String frame = StompFrame.withBody("SEND", "{\"body\":\"café ☕\"}", "destination", "/app/x").encode();

		assertThat(frame).isEqualTo("SEND\ndestination:/app/x\ncontent-length:20\n\n{\"body\":\"café ☕\"}\0");
	}

	@Test
	void headersAreEscapedExceptOnConnect() {
		assertThat(StompFrame.of("SEND", "note", "a:b\nc\\d").encode()).isEqualTo("SEND\nnote:a\\cb\\nc\\\\d\n\n\0");
		assertThat(StompFrame.of("CONNECT", "host", "a:b").encode()).isEqualTo("CONNECT\nhost:a:b\n\n\0");
	}

	@Test
	void encodedFramesDecodeToThemselves() {
		StompFrame sent = StompFrame.withBody("MESSAGE", "{\"text\":\"héllo 😀\"}", "destination", "/user/queue/a:b",
				"subscription", "m");

		List<StompFrame> frames = new StompDecoder().feed(sent.encode());

		assertThat(frames).hasSize(1);
		assertThat(frames.get(0).command()).isEqualTo("MESSAGE");
		assertThat(frames.get(0).header("destination")).isEqualTo("/user/queue/a:b");
		assertThat(frames.get(0).body()).isEqualTo(sent.body());
	}

	@Test
	void frameSplitAcrossFragmentsIsDecodedOnceComplete() {
		String frame = StompFrame.withBody("MESSAGE", "{\"seq\":12}", "subscription", "a").encode();
		StompDecoder decoder = new StompDecoder();

		assertThat(decoder.feed(frame.substring(0, 5))).isEmpty();
		assertThat(decoder.feed(frame.substring(5, frame.length() - 3))).isEmpty();
		assertThat(decoder.hasPartialFrame()).isTrue();
		List<StompFrame> frames = decoder.feed(frame.substring(frame.length() - 3));

		assertThat(frames).singleElement().satisfies((decoded) -> assertThat(decoded.body()).isEqualTo("{\"seq\":12}"));
		assertThat(decoder.hasPartialFrame()).isFalse();
	}

	@Test
	void heartbeatsAndSeveralFramesInOneMessageAreHandled() {
		String text = "\n\r\nCONNECTED\r\nversion:1.2\r\nuser-name:a:b\r\n\r\n\0\nMESSAGE\nsubscription:e\n\n{}\0\n";

		List<StompFrame> frames = new StompDecoder().feed(text);

		assertThat(frames).extracting(StompFrame::command).containsExactly("CONNECTED", "MESSAGE");
		// CONNECTED headers are not unescaped (STOMP 1.2 leaves them as they are)
		assertThat(frames.get(0).header("user-name")).isEqualTo("a:b");
		assertThat(frames.get(1).body()).isEqualTo("{}");
	}

	@Test
	void bodyMayHoldNulWhenContentLengthSaysSo() {
		String text = "MESSAGE\ncontent-length:3\n\na\0b\0";

		assertThat(new StompDecoder().feed(text)).singleElement()
			.satisfies((frame) -> assertThat(frame.body()).isEqualTo("a\0b"));
	}

	@Test
	void repeatedHeaderKeepsItsFirstValue() {
		StompFrame frame = new StompDecoder().feed("MESSAGE\nfoo:1\nfoo:2\n\n\0").get(0);

		assertThat(frame.header("foo")).isEqualTo("1");
	}

	@Test
	void undefinedEscapeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StompDecoder.unescape("a\\tb"));
	}

}
