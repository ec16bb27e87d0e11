package be.cocon.safety;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A risky message stays flagged, and a benign one stays without a crisis card, however a
 * young person happens to type it: casing, a letter held down, accents dropped or added,
 * emoji, and small talk around it.
 */
class DetectorPropertyTests {

	private static final CombinedRiskDetector DETECTOR = new CombinedRiskDetector();

	private static final List<String[]> RISKY = List.of(new String[] { "nl", "ik wil niet meer leven" },
			new String[] { "nl", "ik heb de pillen klaargelegd voor vannacht" },
			new String[] { "nl", "ik heb mezelf gisteren weer gesneden" },
			new String[] { "nl", "mijn vader slaat mij als hij dronken is" },
			new String[] { "nl", "iedereen is beter af zonder mij" },
			new String[] { "nl", "ze hebben gezegd dat ze me morgen na school gaan neersteken" },
			new String[] { "en", "i want to kill myself" }, new String[] { "en", "i cut myself again last night" },
			new String[] { "en", "my stepdad hits me when my mom is at work" },
			new String[] { "en", "everyone would be better off without me" },
			new String[] { "en", "i have a knife and i'm going to stab him tomorrow" },
			new String[] { "en", "i've been saving up pills, i'll take them all tonight" });

	private static final List<String[]> BENIGN = List.of(new String[] { "nl", "ik ga dood van het lachen" },
			new String[] { "nl", "ik heb morgen een toets wiskunde" },
			new String[] { "nl", "we hadden vandaag een les over zelfmoordpreventie" },
			new String[] { "nl", "vroeger sneed ik mezelf, nu gaat het al twee jaar goed" },
			new String[] { "nl", "mijn mama heeft mijn gsm afgepakt tot vrijdag" },
			new String[] { "en", "this homework is killing me" }, new String[] { "en", "i'm so tired of exams" },
			new String[] { "en", "my friend and i watched a horror movie last night" },
			new String[] { "en", "i killed it at my football match today" },
			new String[] { "en", "tonight i'm going to study for my biology test" });

	@ParameterizedTest(name = "{0}")
	@MethodSource("riskyTyped")
	void riskyStaysFlaggedHoweverItIsTyped(String typed, String language) {
		assertThat(DETECTOR.assess(typed, language).flagged()).as(typed).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("benignTyped")
	void benignGetsNoCrisisCardHoweverItIsTyped(String typed, String language) {
		assertThat(DETECTOR.assess(typed, language).risky()).as(typed).isFalse();
	}

	static Stream<Arguments> riskyTyped() {
		return typed(RISKY, 20261207L);
	}

	static Stream<Arguments> benignTyped() {
		return typed(BENIGN, 20261208L);
	}

	/** 300 random (seeded, so repeatable) typings of the messages, each once as is. */
	private static Stream<Arguments> typed(List<String[]> messages, long seed) {
		Random random = new Random(seed);
		Stream<Arguments> plain = messages.stream().map((message) -> Arguments.of(message[1], message[0]));
		Stream<Arguments> varied = IntStream.range(0, 300).mapToObj((i) -> {
			String[] message = messages.get(random.nextInt(messages.size()));
			Typing typing = new Typing(pick(random, Casing.values()), random.nextInt(3), random.nextBoolean(),
					pick(random, EMOJI), pick(random, BEFORE), pick(random, AFTER));
			return Arguments.of(typing.apply(message[1]), message[0]);
		});
		return Stream.concat(plain, varied);
	}

	private static final String[] EMOJI = { "", " 😭", " 😔", " 💔", " 🙃" };

	private static final String[] BEFORE = { "", "hey. ", "hoi, ", "ok so ", "sorry, " };

	private static final String[] AFTER = { "", ". anyway", ", weet ni", " tbh", ". sorry" };

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	enum Casing {

		AS_IS, LOWER, UPPER

	}

	/**
	 * One way of typing a message.
	 *
	 * @param casing the casing
	 * @param stretch how many extra copies of the last letter of the longest word
	 * @param accents whether a few vowels get accents (as a phone's keyboard may add)
	 * @param emoji an emoji at the end
	 * @param before small talk before
	 * @param after small talk after
	 */
	record Typing(Casing casing, int stretch, boolean accents, String emoji, String before, String after) {

		String apply(String message) {
			String text = message;
			if (this.stretch > 0) {
				String longest = List.of(text.split(" "))
					.stream()
					.max((a, b) -> Integer.compare(a.length(), b.length()))
					.orElse("");
				char last = longest.charAt(longest.length() - 1);
				text = text.replace(longest, longest + String.valueOf(last).repeat(this.stretch + 1));
			}
			if (this.accents) {
				text = Normalizer.normalize(text.replace("e", "é").replace("a", "à"), Normalizer.Form.NFC);
			}
			text = this.before + text + this.after + this.emoji;
			return switch (this.casing) {
				case AS_IS -> text;
				case LOWER -> text.toLowerCase(Locale.ROOT);
				case UPPER -> text.toUpperCase(Locale.ROOT);
			};
		}

	}

}
