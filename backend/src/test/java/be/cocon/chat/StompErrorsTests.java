package be.cocon.chat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.ObjectMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authentication.TestingAuthenticationToken;

import be.cocon.chat.ChatViews.ErrorEvent;
import be.cocon.platform.ApiProblem;
import be.cocon.support.LogRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The one answer of every STOMP destination to a refused SEND: the error event it sends
 * and what it logs.
 */
class StompErrorsTests {

	private final ChatDelivery delivery = mock(ChatDelivery.class);

	private final StompErrors errors = new StompErrors(this.delivery, new ObjectMapper());

	@Test
	void aModulesProblemKeepsItsCodeAndTheClientMessageIdOfThePayload() {
		String id = UUID.randomUUID().toString();

		this.errors.refused(ApiProblem.badRequest("answer.out-of-range", "Out of range."),
				frame("/app/enrolments/e1/answers", "{\"clientMessageId\":\"" + id + "\"}"));

		ErrorEvent event = sent();
		assertThat(event.code()).isEqualTo("answer.out-of-range");
		assertThat(event.detail()).isEqualTo("Out of range.");
		assertThat(event.clientMessageId()).isEqualTo(id);
		assertThat(event.destination()).isEqualTo("/app/enrolments/e1/answers");
	}

	@Test
	void aPayloadThatIsNotJsonIsMalformedWithoutAClientMessageIdAndWithoutALogLine() {
		try (LogRecorder log = LogRecorder.onRoot()) {
			this.errors.malformed(new MessageConversionException("Could not read JSON"),
					frame("/app/conversations/c1/messages", "{not json zq-canary"));

			ErrorEvent event = sent();
			assertThat(event.code()).isEqualTo("payload.malformed");
			assertThat(event.clientMessageId()).isNull();
			assertThat(log.errors()).isEmpty();
			assertThat(log.containing("zq-canary")).isEmpty();
		}
	}

	@Test
	void ourOwnFailureIsOneErrorLineAndAServerErrorEvent() {
		try (LogRecorder log = LogRecorder.onRoot()) {
			this.errors.failed(new IllegalStateException("a bug"), frame("/app/conversations/c1/typing", "{}"));

			assertThat(sent().code()).isEqualTo("server.error");
			assertThat(log.errors()).hasSize(1);
		}
	}

	@Test
	void aFrameWithoutAUserIsAnsweredToNobody() {
		Message<byte[]> anonymous = MessageBuilder.createMessage("{".getBytes(StandardCharsets.UTF_8),
				SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE).getMessageHeaders());

		this.errors.malformed(new MessageConversionException("x"), anonymous);

		verify(this.delivery, never()).error(org.mockito.ArgumentMatchers.anyString(),
				org.mockito.ArgumentMatchers.any());
	}

	private ErrorEvent sent() {
		ArgumentCaptor<ErrorEvent> event = ArgumentCaptor.forClass(ErrorEvent.class);
		verify(this.delivery).error(eq("user-1"), event.capture());
		return event.getValue();
	}

	private static Message<byte[]> frame(String destination, String payload) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(destination);
		headers.setUser(new TestingAuthenticationToken("user-1", null));
		return MessageBuilder.createMessage(payload.getBytes(StandardCharsets.UTF_8), headers.getMessageHeaders());
	}

}
