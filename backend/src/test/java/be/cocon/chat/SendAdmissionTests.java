package be.cocon.chat;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SendAdmissionTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void refusesBeyondTheInstanceBoundAndTakesInAgainOnceReleased() {
		SendAdmission admission = admission(3, 3);
		admission.admit("a", "1");
		admission.admit("b", "2");
		admission.admit("c", "3");

		assertThatExceptionOfType(ChatProblem.class).isThrownBy(() -> admission.admit("d", "4")).satisfies((busy) -> {
			assertThat(busy.code()).isEqualTo("server.busy");
			assertThat(busy.getStatusCode().value()).isEqualTo(503);
			assertThat(busy.clientMessageId()).isEqualTo("4");
		});
		assertThat(admission.pending()).isEqualTo(3);

		admission.release("b");
		admission.admit("d", "4");
		assertThat(admission.pending()).isEqualTo(3);
		assertThat(this.meters.get("cocon.chat.sends.refused").counter().count()).isEqualTo(1);
	}

	@Test
	void oneSenderCannotTakeTheWholeInstance() {
		SendAdmission admission = admission(100, 2);
		admission.admit("fast", "1");
		admission.admit("fast", "2");

		assertThatExceptionOfType(ChatProblem.class).isThrownBy(() -> admission.admit("fast", "3"));
		admission.admit("other", "4");
		assertThat(admission.pending()).isEqualTo(3);

		admission.release("fast");
		admission.admit("fast", "3");
	}

	@Test
	void aRefusedSendHoldsNothing() {
		SendAdmission admission = admission(1, 1);
		admission.admit("a", "1");
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(ChatProblem.class).isThrownBy(() -> admission.admit("b", "x"));
			assertThatExceptionOfType(ChatProblem.class).isThrownBy(() -> admission.admit("a", "y"));
		}
		admission.release("a");
		assertThat(admission.pending()).isZero();
		admission.admit("b", "x");
		assertThat(this.meters.get("cocon.chat.sends.pending").gauge().value()).isEqualTo(1);
	}

	private SendAdmission admission(int perInstance, int perSender) {
		ChatSettings settings = new Binder(new MapConfigurationPropertySource(Map.of("cocon.chat.max-pending-sends",
				String.valueOf(perInstance), "cocon.chat.max-pending-sends-per-sender", String.valueOf(perSender))))
			.bindOrCreate("cocon.chat", Bindable.of(ChatSettings.class));
		return new SendAdmission(settings, this.meters);
	}

}
