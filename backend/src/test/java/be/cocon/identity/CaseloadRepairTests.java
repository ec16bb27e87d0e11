package be.cocon.identity;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An assignment is two writes (the client's document, then the therapist's caseload);
 * assigning again repairs a caseload whose write was lost in a crash.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(TestTokens.class)
class CaseloadRepairTests {

	@Autowired
	TestTokens tokens;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Users users;

	@Test
	void assigningAgainRepairsACaseloadWhoseWriteWasLost() {
		UserId therapist = this.tokens.account(Role.THERAPIST);
		UserId client = this.tokens.account(Role.CLIENT);
		this.tokens.assign(client, therapist);
		this.caseloads.remove(therapist.value(), client.value());
		assertThat(this.caseloads.clientIdsOf(therapist.value())).isEmpty();

		this.tokens.assign(client, therapist);

		assertThat(this.caseloads.clientIdsOf(therapist.value())).containsExactly(client.value());
		assertThat(this.users.findById(client.value()).orElseThrow().assignments()).hasSize(1);
	}

}
