package be.cocon.safety;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconIndexTests {

	private static Map<String, List<String>> concepts() {
		Map<String, List<String>> concepts = new LinkedHashMap<>();
		concepts.put("zelf", List.of("mezelf", "me", "mij"));
		concepts.put("open", List.of("(?:slaap)?pillen"));
		return concepts;
	}

	private final LexiconAnchors anchors = new LexiconAnchors(concepts());

	@Test
	void branchesSplitOnTopLevelBarsOnly() {
		assertThat(LexiconAnchors.branches("a (?:b|c) d|e[|]f|g\\|h")).containsExactly("a (?:b|c) d", "e[|]f", "g\\|h");
	}

	@Test
	void prefixesComeFromWordsGroupsAndConcepts() {
		assertThat(this.anchors.prefixes("@zelf ~3 gesneden")).isEqualTo(Set.of("mezelf", "me", "mij"));
		assertThat(this.anchors.prefixes("(?:sla|stomp) mezelf|zelfmoord\\w*"))
			.isEqualTo(Set.of("sla", "stomp", "zelfmoord"));
		assertThat(this.anchors.prefixes("razors? blade")).isEqualTo(Set.of("razor"));
	}

	@Test
	void aBranchThatCanStartAnywhereHasNoPrefixes() {
		assertThat(this.anchors.prefixes("(?:de )?pillen")).isNull();
		assertThat(this.anchors.prefixes("_ pillen")).isNull();
		assertThat(this.anchors.prefixes("ik|@open")).isNull();
	}

	@Test
	void indexFindsWhatAPlainScanFinds() {
		LexiconPatterns patterns = new LexiconPatterns(concepts(), List.of("niet"));
		LexiconIndex index = new LexiconIndex(patterns, this.anchors);
		List<String> sources = List.of("@zelf ~3 gesneden", "(?:de )?pillen ~ verzameld", "kras (?:al|weer)");
		int id = index.add(sources);
		Pattern plain = patterns.compile(String.join("|", sources));
		for (String text : List.of("ik heb mezelf weer gesneden", "de pillen al verzameld", "pillen verzameld",
				"ik kras weer", "ik heb me niet gesneden", "kras op de cd", "niets aan de hand")) {
			assertThat(index.any(id, text, index.words(text))).as(text).isEqualTo(plain.matcher(text).find());
		}
	}

	/**
	 * The index only tries anchored branches at their prefixes; for every rule of both
	 * lexicons and every message of every labelled set it must find a match exactly when
	 * a plain scan of the whole rule finds one.
	 */
	@Test
	void indexAgreesWithAPlainScanForEveryRuleAndLabelledMessage() throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		for (String language : List.of("nl", "en")) {
			JsonNode lexicon = json
				.readTree(Path.of("src/main/resources/safety/lexicon-" + language + ".json").toFile());
			Map<String, List<String>> concepts = new LinkedHashMap<>();
			lexicon.get("concepts").properties().forEach((entry) -> {
				List<String> entries = new ArrayList<>();
				entry.getValue()
					.forEach((value) -> entries.add(value.asString().endsWith("*")
							? value.asString().substring(0, value.asString().length() - 1) : value.asString()));
				concepts.put(entry.getKey(), entries);
			});
			Map<String, List<String>> raw = new LinkedHashMap<>();
			lexicon.get("concepts").properties().forEach((entry) -> {
				List<String> entries = new ArrayList<>();
				entry.getValue().forEach((value) -> entries.add(value.asString()));
				raw.put(entry.getKey(), entries);
			});
			List<String> negations = new ArrayList<>();
			lexicon.get("negations").forEach((value) -> negations.add(value.asString()));
			LexiconPatterns patterns = new LexiconPatterns(raw, negations);
			LexiconIndex index = new LexiconIndex(patterns, new LexiconAnchors(concepts));
			Map<Integer, Pattern> plain = new LinkedHashMap<>();
			for (JsonNode rule : lexicon.get("rules")) {
				String pattern = rule.get("pattern").asString();
				plain.put(index.add(List.of(pattern)), patterns.compile(pattern));
			}
			Lexicon normaliser = Lexicon.load(language);
			int checked = 0;
			for (String set : List.of("src/main/resources/safety/training/earlier.tsv",
					"src/main/resources/safety/training/corpus-dev.tsv", DetectorReport.TEST_SET)) {
				for (RiskModel.Labelled example : DetectorReport.read(Path.of(set))) {
					if (!example.language().equals(language)) {
						continue;
					}
					for (String reading : normaliser.readings(example.text())) {
						String text = Lexicon.plain(reading);
						LexiconIndex.Words words = index.words(text);
						for (Map.Entry<Integer, Pattern> rule : plain.entrySet()) {
							assertThat(index.any(rule.getKey(), text, words)).as(language + " " + text)
								.isEqualTo(rule.getValue().matcher(text).find());
							checked++;
						}
					}
				}
			}
			assertThat(checked).isGreaterThan(1000);
		}
	}

}
