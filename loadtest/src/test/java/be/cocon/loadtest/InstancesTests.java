package be.cocon.loadtest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstancesTests {

	@Test
	void oneInstanceUnlessToldOtherwise() {
		assertThat(Options.parse(List.of("--rate", "5")).instances()).containsExactly(1);
		assertThat(Options.parse(List.of("--instances", "2")).instances()).containsExactly(2);
		assertThat(Options.parse(List.of("--instances=1, 2")).instances()).containsExactly(1, 2);
	}

	@Test
	void relayOptionsAreKnownAndRelayIsAFlag() {
		Options options = Options
			.parse(List.of("--relay", "--relay-host", "rabbit.local", "--relay-port=61614", "--instances", "1"));

		assertThat(options.flag("relay")).isTrue();
		assertThat(options.string("relay-host", "127.0.0.1")).isEqualTo("rabbit.local");
		assertThat(options.integer("relay-port", 61613)).isEqualTo(61614);
		assertThat(options.instances()).containsExactly(1);
	}

	@Test
	void instanceCountsMustBePositiveWholeAndDistinct() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--instances", "0")).instances());
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--instances", "two")).instances());
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--instances", "1,")).instances());
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--instances", "2,2")).instances());
	}

	@Test
	void onTwoInstancesEveryClientIsOnAnotherInstanceThanTheirTherapistAndBothHaveHalf() {
		int[] sessions = new int[2];
		for (int pair = 0; pair < 101; pair++) {
			int client = LoadRun.instanceOf(pair, false, 2);
			int therapist = LoadRun.instanceOf(pair, true, 2);
			assertThat(client).isNotEqualTo(therapist);
			sessions[client]++;
			sessions[therapist]++;
		}
		assertThat(sessions).containsExactly(101, 101);
	}

	@Test
	void onThreeInstancesPairsStillCrossAndSessionsAreSpreadEvenly() {
		int[] sessions = new int[3];
		for (int pair = 0; pair < 30; pair++) {
			int client = LoadRun.instanceOf(pair, false, 3);
			int therapist = LoadRun.instanceOf(pair, true, 3);
			assertThat(client).isNotEqualTo(therapist).isBetween(0, 2);
			assertThat(therapist).isBetween(0, 2);
			sessions[client]++;
			sessions[therapist]++;
		}
		assertThat(sessions).containsExactly(20, 20, 20);
	}

	@Test
	void onOneInstanceEverybodyIsOnIt() {
		for (int pair = 0; pair < 10; pair++) {
			assertThat(LoadRun.instanceOf(pair, false, 1)).isZero();
			assertThat(LoadRun.instanceOf(pair, true, 1)).isZero();
		}
	}

	@Test
	void furtherInstancesUseTheFirstOnesEmbeddedStoreAndKeyset() {
		Map<String, String> first = new HashMap<>();
		first.put("cocon.store.data-dir", "/runs/a/data");
		first.put("cocon.store.port", "27123");

		assertThat(LoadTest.followerSettings(first, Path.of("/ignored")))
			.containsExactlyInAnyOrderEntriesOf(Map.of("spring.mongodb.uri", "mongodb://127.0.0.1:27123/cocon",
					"cocon.privacy.encryption.keyset-file", "/runs/a/data/privacy-keyset.json"));
	}

	@Test
	void furtherInstancesFollowARealMongoDbAndAKeysetGivenToTheFirst() {
		Map<String, String> first = new HashMap<>();
		first.put("cocon.store.data-dir", "/runs/a/data");
		first.put("spring.mongodb.uri", "mongodb://db/cocon");
		first.put("cocon.privacy.encryption.keyset-file", "/keys/k.json");

		// the URI reaches them as an --app-arg, like it reached the first
		assertThat(LoadTest.followerSettings(first, Path.of("/ignored")))
			.containsExactlyEntriesOf(Map.of("cocon.privacy.encryption.keyset-file", "/keys/k.json"));
	}

	@Test
	void sumsOverInstancesAreUnknownWhenOneIsUnknown() {
		assertThat(LoadRun.total(List.of(100L, 50L))).isEqualTo(150);
		assertThat(LoadRun.total(List.of(100L, -1L))).isEqualTo(-1);
		assertThat(LoadRun.total(List.of())).isEqualTo(-1);
	}

	@Test
	void perInstanceFiguresAreShownOnlyForSeveral() {
		assertThat(Report.perInstance(List.of(0.5, 0.25), Report::fmt)).isEqualTo(" (0.50 + 0.25)");
		assertThat(Report.perInstance(List.of(0.5), Report::fmt)).isEmpty();
	}

}
