package be.cocon.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The learned half of the detector: a multinomial logistic regression (Tribuo) over word
 * unigrams and bigrams and character n-grams of the normalised text, trained when the
 * application starts on the labelled development corpus shipped in
 * {@code classpath:safety/training/}. It gives a probability per category (and for "no
 * risk"); {@link CombinedRiskDetector} weighs it against the rules.
 */
final class RiskModel {

	static final String NONE = "NONE";

	private static final long SEED = 20261207L;

	private static final LabelFactory LABELS = new LabelFactory();

	private final List<Lexicon> lexicons;

	private final Model<Label> model;

	private RiskModel(List<Lexicon> lexicons, Model<Label> model) {
		this.lexicons = lexicons;
		this.model = model;
	}

	/**
	 * Trains a model on labelled texts.
	 * @param lexicons whose normalisers prepare the text (both languages)
	 * @param examples the training texts
	 * @param epochs passes over the data
	 * @return the model
	 */
	static RiskModel train(List<Lexicon> lexicons, List<Labelled> examples, int epochs) {
		List<Example<Label>> data = new ArrayList<>(examples.size());
		for (Labelled example : examples) {
			Example<Label> features = example(lexicons, example.text(), new Label(example.label()));
			// a message of emoji or punctuation only has no words to learn from
			if (features.size() > 0) {
				data.add(features);
			}
		}
		// Tribuo reports each training run on java.util.logging at INFO
		Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
		SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance("cocon safety corpus", LABELS);
		MutableDataset<Label> dataset = new MutableDataset<>(new ListDataSource<>(data, LABELS, provenance));
		LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.2, 0.1), epochs,
				Integer.MAX_VALUE, 1, SEED);
		return new RiskModel(lexicons, trainer.train(dataset));
	}

	/**
	 * Trains on the development corpus in {@code classpath:safety/training/}.
	 * @param lexicons the lexicons of both languages
	 * @return the model
	 */
	static RiskModel trainOnCorpus(List<Lexicon> lexicons) {
		List<Labelled> joined = Labelled.read(TRAINING)
			.stream()
			.map((example) -> new Labelled(example.language(), example.label(), example.phenomenon(), example.joined()))
			.toList();
		return train(lexicons, joined, EPOCHS);
	}

	/** Passes over the training data (from cross-validation: 4 to 15 score alike). */
	static final int EPOCHS = 8;

	static final List<String> TRAINING = List.of("safety/training/corpus-dev.tsv", "safety/training/more-nl-a.tsv",
			"safety/training/more-nl-b.tsv", "safety/training/more-en-a.tsv", "safety/training/more-en-b.tsv",
			"safety/training/everyday-nl.tsv", "safety/training/everyday-en.tsv", "safety/training/everyday2-nl.tsv",
			"safety/training/everyday2-en.tsv", "safety/training/earlier.tsv");

	/**
	 * The probability of each outcome.
	 * @param text the message, or several messages joined
	 * @return probabilities keyed by {@code NONE} and the category names
	 */
	Scores score(String text) {
		Example<Label> example = example(this.lexicons, text, LABELS.getUnknownOutput());
		if (!knowsAny(example)) {
			return new Scores(1.0, new EnumMap<>(Category.class));
		}
		Prediction<Label> prediction = this.model.predict(example);
		Map<Category, Double> risk = new EnumMap<>(Category.class);
		double none = 0;
		for (Map.Entry<String, Label> entry : prediction.getOutputScores().entrySet()) {
			if (NONE.equals(entry.getKey())) {
				none = entry.getValue().getScore();
			}
			else {
				risk.put(Category.valueOf(entry.getKey()), entry.getValue().getScore());
			}
		}
		return new Scores(none, risk);
	}

	private boolean knowsAny(Example<Label> example) {
		for (var feature : example) {
			if (this.model.getFeatureIDMap().get(feature.getName()) != null) {
				return true;
			}
		}
		return false;
	}

	private static Example<Label> example(List<Lexicon> lexicons, String text, Label label) {
		Map<String, Double> features = features(lexicons, text);
		String[] names = features.keySet().toArray(String[]::new);
		double[] values = features.values().stream().mapToDouble(Double::doubleValue).toArray();
		return new ArrayExample<>(label, names, values);
	}

	/**
	 * Word unigrams and bigrams and character 3–5-grams of each language's normalised
	 * reading, each group scaled to unit length so long messages do not dominate.
	 */
	static Map<String, Double> features(List<Lexicon> lexicons, String text) {
		Map<String, Integer> words = new TreeMap<>();
		Map<String, Integer> grams = new TreeMap<>();
		for (Lexicon lexicon : lexicons) {
			String plain = Lexicon.plain(lexicon.readings(text).get(0));
			String previous = "<s>";
			for (String clause : plain.split(String.valueOf(LexiconPatterns.CLAUSE))) {
				for (String token : clause.trim().split("\\s+")) {
					if (token.isEmpty()) {
						continue;
					}
					words.merge("w=" + token, 1, Integer::sum);
					words.merge("b=" + previous + "_" + token, 1, Integer::sum);
					previous = token;
					String padded = " " + token + " ";
					for (int n = 3; n <= 5; n++) {
						for (int i = 0; i + n <= padded.length(); i++) {
							grams.merge("c=" + padded.substring(i, i + n), 1, Integer::sum);
						}
					}
				}
				previous = "<c>";
			}
		}
		Map<String, Double> features = new LinkedHashMap<>();
		addNormalised(features, words);
		addNormalised(features, grams);
		return features;
	}

	private static void addNormalised(Map<String, Double> features, Map<String, Integer> counts) {
		double norm = Math.sqrt(counts.values().stream().mapToDouble((count) -> (double) count * count).sum());
		if (norm > 0) {
			counts.forEach((name, count) -> features.put(name, count / norm));
		}
	}

	/**
	 * What the model thinks of a text.
	 *
	 * @param none the probability of no risk
	 * @param risk the probability of each category
	 */
	record Scores(double none, Map<Category, Double> risk) {

		double riskTotal() {
			return 1.0 - this.none;
		}

		Category topCategory() {
			return this.risk.entrySet()
				.stream()
				.max(Map.Entry.comparingByValue())
				.map(Map.Entry::getKey)
				.orElse(Category.SUICIDE);
		}

	}

	/**
	 * A labelled text of the corpus; a sequence of messages is one text whose turns are
	 * separated by {@value #TURNS}.
	 *
	 * @param language nl or en
	 * @param label NONE or a category name
	 * @param phenomenon what the line exercises (may be empty)
	 * @param text the message or the turns
	 */
	record Labelled(String language, String label, String phenomenon, String text) {

		static final String TURNS = " || ";

		List<String> turns() {
			return List.of(this.text.split(" \\|\\| "));
		}

		boolean sequence() {
			return this.text.contains(TURNS);
		}

		boolean risky() {
			return !NONE.equals(this.label);
		}

		/** The text of every turn, joined as one message (for training). */
		String joined() {
			return String.join(". ", turns().stream().map(Labelled::withoutSpeaker).toList());
		}

		static String withoutSpeaker(String turn) {
			return turn.startsWith("T: ") ? turn.substring(3) : turn;
		}

		static List<Labelled> read(List<String> resources) {
			List<Labelled> all = new ArrayList<>();
			for (String resource : resources) {
				try (InputStream in = RiskModel.class.getClassLoader().getResourceAsStream(resource)) {
					if (in == null) {
						throw new IllegalStateException("Missing training file " + resource);
					}
					all.addAll(parse(
							new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return all;
		}

		/**
		 * Reads {@code language, label, text} or {@code language, label, phenomenon,
		 * text} lines; the first line is a header.
		 */
		static List<Labelled> parse(List<String> lines) {
			List<Labelled> examples = new ArrayList<>();
			for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
				if (line.isBlank()) {
					continue;
				}
				String[] fields = line.split("\t", -1);
				if (fields.length == 3) {
					examples.add(new Labelled(fields[0], fields[1], "", fields[2]));
				}
				else if (fields.length == 4) {
					examples.add(new Labelled(fields[0], fields[1], fields[2], fields[3]));
				}
				else {
					throw new IllegalArgumentException("Expected 3 or 4 tab-separated fields: " + line);
				}
			}
			return examples;
		}

	}

}
