package be.cocon.loadtest;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProbeAndOptionsTests {

	@Test
	void cpuTimeIsReadAfterACommandNameWithSpacesAndParentheses() {
		String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 30 0 123";

		assertThat(ProcessProbe.cpuNanos(stat, 100)).isEqualTo(3_000_000_000L);
	}

	@Test
	void ownCpuTimeIsReadable() {
		assertThat(ProcessProbe.self().cpuNanos()).isPositive();
	}

	@Test
	void optionsTakeBothFormsAndFlags() {
		Options options = Options.parse(
				List.of("--sessions", "200", "--rate=100", "--no-baseline", "--app-arg", "--a=1", "--app-arg=--b=2"));

		assertThat(options.integer("sessions", 1000)).isEqualTo(200);
		assertThat(options.rates(500)).containsExactly(100.0);
		assertThat(options.flag("no-baseline")).isTrue();
		assertThat(options.all("app-arg")).containsExactly("--a=1", "--b=2");
		assertThat(options.integer("burst", 0)).isZero();
	}

	@Test
	void sweepRatesOverrideTheSingleRate() {
		assertThat(Options.parse(List.of("--rate", "7", "--rates", "500, 1000,2000")).rates(500)).containsExactly(500.0,
				1000.0, 2000.0);
	}

	@Test
	void durationsHaveUnits() {
		assertThat(Options.duration("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(Options.duration("20s")).isEqualTo(Duration.ofSeconds(20));
		assertThat(Options.duration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(Options.duration("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(Options.duration("45")).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void unknownOptionsAndMissingValuesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--sesions", "2")));
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--rate")));
	}

	@Test
	void theAdminPasswordStaysOutOfTheReport() {
		Options options = Options.parse(List.of("--admin-password", "secret", "--rate", "5"));

		assertThat(options.asMap()).containsOnlyKeys("rate");
	}

}
