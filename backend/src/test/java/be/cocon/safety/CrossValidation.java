package be.cocon.safety;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import be.cocon.safety.RiskModel.Labelled;

/**
 * Estimates how the detector generalises without touching the frozen test split: 5-fold
 * cross-validation over the development corpus (each fold's model trained on the other
 * folds and on {@code earlier.tsv}), with the shipped rules and decision policy. The
 * thresholds in {@link CombinedRiskDetector.Policy#DEFAULT} were chosen from these
 * out-of-fold figures. Run from {@code backend/} (see docs/safety.md).
 */
public final class CrossValidation {

	private CrossValidation() {
	}

	public static void main(String[] args) {
		List<Lexicon> lexicons = List.of(Lexicon.load("nl"), Lexicon.load("en"));
		LexiconRiskDetector rules = new LexiconRiskDetector(lexicons);
		List<Labelled> development = new ArrayList<>(
				Labelled.read(RiskModel.TRAINING.stream().filter((file) -> !file.endsWith("earlier.tsv")).toList()));
		List<Labelled> earlier = Labelled.read(List.of("safety/training/earlier.tsv"));
		Collections.shuffle(development, new Random(7));
		int folds = 5;
		List<CombinedRiskDetector.Policy> policies = new ArrayList<>(List.of(CombinedRiskDetector.Policy.DEFAULT));
		if (args.length > 0 && args[0].equals("sweep")) {
			for (double ruleCard : new double[] { 0.5, 0.65, 0.8 }) {
				for (double modelCard : new double[] { 0.75, 0.85, 0.92 }) {
					for (double review : new double[] { 0.06 }) {
						for (double bare : new double[] { 0.08 }) {
							policies.add(new CombinedRiskDetector.Policy(0.9, ruleCard, modelCard, review, bare, 3));
						}
					}
				}
			}
		}
		List<List<DetectorReport.Outcome>> swept = new ArrayList<>();
		policies.forEach((policy) -> swept.add(new ArrayList<>()));
		List<DetectorReport.Outcome> outcomes = swept.get(0);
		long start = System.nanoTime();
		for (int fold = 0; fold < folds; fold++) {
			List<Labelled> train = new ArrayList<>(earlier);
			List<Labelled> held = new ArrayList<>();
			for (int i = 0; i < development.size(); i++) {
				((i % folds == fold) ? held : train).add(development.get(i));
			}
			RiskModel model = RiskModel.train(lexicons,
					train.stream()
						.map((l) -> new Labelled(l.language(), l.label(), l.phenomenon(), l.joined()))
						.toList(),
					RiskModel.EPOCHS);
			for (int p = 0; p < policies.size(); p++) {
				CombinedRiskDetector detector = new CombinedRiskDetector(rules, model, policies.get(p));
				List<DetectorReport.Outcome> into = swept.get(p);
				held.forEach((example) -> into.add(DetectorReport.run(detector, example)));
			}
		}
		System.out.printf(Locale.ROOT, "%d-fold cross-validation over %d development items (%.0f s)%n", folds,
				development.size(), (System.nanoTime() - start) / 1e9);
		System.out.println(DetectorReport.report(outcomes));
		for (int p = 1; p < policies.size(); p++) {
			System.out.println(policies.get(p) + " " + DetectorReport.line(swept.get(p)) + " min "
					+ DetectorReport.minimumRecall(swept.get(p)));
		}
		if (args.length > 0 && args[0].equals("misses")) {
			System.out.println(DetectorReport.misses(outcomes));
		}
	}

}
