package be.cocon.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.PkceSignIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh token rotation with replay detection (RFC 9700, 4.14), over real HTTP: a used
 * refresh token presented again revokes the whole authorization, so the refresh token
 * issued at its rotation stops working too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RefreshTokenReplayTests {

	@LocalServerPort
	int port;

	@Test
	void replayOfAUsedRefreshTokenRevokesTheNewestOneToo(CapturedOutput output) {
		PkceSignIn flow = new PkceSignIn(this.port);
		String first = flow.tokens("demo-client", "cocon-demo-2026").get("refresh_token").asString();
		Response rotated = flow.refresh(first);
		assertThat(rotated.status()).isEqualTo(200);
		String second = rotated.json().get("refresh_token").asString();

		Response replayed = flow.refresh(first);
		Response afterReplay = flow.refresh(second);

		assertThat(replayed.status()).isEqualTo(400);
		assertThat(replayed.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(afterReplay.status()).isEqualTo(400);
		assertThat(afterReplay.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(output).containsOnlyOnce("a used refresh token was presented again")
			.doesNotContain(first)
			.doesNotContain(second);
	}

	@Test
	void anotherSignInIsNotAffected() {
		PkceSignIn stolen = new PkceSignIn(this.port);
		String first = stolen.tokens("demo-client", "cocon-demo-2026").get("refresh_token").asString();
		stolen.refresh(first);
		PkceSignIn other = new PkceSignIn(this.port);
		String otherRefresh = other.tokens("demo-client", "cocon-demo-2026").get("refresh_token").asString();

		stolen.refresh(first);

		assertThat(other.refresh(otherRefresh).status()).isEqualTo(200);
	}

}
