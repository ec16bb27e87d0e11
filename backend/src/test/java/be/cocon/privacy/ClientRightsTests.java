package be.cocon.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import be.cocon.identity.TestTokens;
import be.cocon.safety.GuaranteedPhrases;
import be.cocon.support.ControlledClock;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.MutableClock;
import be.cocon.support.PkceSignIn;
import be.cocon.support.StompTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's export and erasure through the real API, after a scenario that makes data of
 * every kind (see {@link RightsScene#everything}). The coverage test fails when a
 * collection of the store is covered by no {@link PersonalData} and is not on the list of
 * collections without client data below.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.safety.overdue-check-every=1h", "cocon.safety.claim-within=5m",
				"cocon.safety.realert-every=3m" })
@Import({ TestTokens.class, ControlledClock.class, GuaranteedPhrases.class })
class ClientRightsTests {

	/**
	 * The collections that hold nothing about a client, and why. Every other collection
	 * must be covered by a {@link PersonalData} implementation.
	 */
	static final Map<String, String> NO_CLIENT_DATA = Map.of(
			// the authorization server's JWT signing keys
			"signing_keys", "keys",
			// leases of scheduled jobs: a job's name and the host that holds it
			"shedlock", "job leases",
			// copies of programme and questionnaire content as published, for pinning
			"programme_versions", "content", "questionnaire_versions", "content",
			// a therapist's own reusable nudge texts, written for no client in particular
			"nudge_templates", "staff texts",
			// counts per day for staff (escalations opened, outcomes, response times)
			"safety_daily", "figures",
			// which encryption key is primary (key ids, never key material)
			"privacy_keys", "key ids",
			// progress of the re-encryption and retention jobs: at most a document id as
			// a cursor while a run is under way
			"reencryption", "job cursor", "retention_runs", "job cursor");

	/**
	 * Covered collections in which a client's id, username or pseudonym need not appear:
	 * pending erasures exist only while one runs, and token lookups name an
	 * authorization.
	 */
	static final Set<String> COVERED_WITHOUT_NAMES = Set.of(PendingErasures.COLLECTION, "oauth2_token_lookup");

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ClientRights rights;

	@Autowired
	PendingErasures pending;

	@Autowired
	ClientAccounts accounts;

	@Autowired
	ErasureResumption resumption;

	@Test
	void everyCollectionIsCoveredByPersonalDataOrHoldsNoClientData() throws Exception {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "nl").everything(this.clock)) {
			Map<String, String> covered = new HashMap<>();
			this.rights.parts().forEach((part) -> part.collections().forEach((name) -> {
				assertThat(covered.put(name, part.section())).as("%s is covered twice", name).isNull();
			}));
			Set<String> collections = collections();

			assertThat(collections)
				.allSatisfy((name) -> assertThat(covered.containsKey(name) || NO_CLIENT_DATA.containsKey(name))
					.as("collection %s is covered by no PersonalData and not listed as holding no client data", name)
					.isTrue());
			assertThat(covered.keySet()).doesNotContainAnyElementsOf(NO_CLIENT_DATA.keySet());
			assertThat(collections.stream().filter((name) -> !mentioning(scene, name).isEmpty()))
				.as("collections that hold something of the client")
				.allSatisfy((name) -> assertThat(covered).containsKey(name));
			assertThat(covered.keySet().stream().filter((name) -> !COVERED_WITHOUT_NAMES.contains(name)))
				.as("the scenario made data of every kind")
				.allSatisfy((name) -> assertThat(mentioning(scene, name)).as(name).isNotEmpty());
		}
	}

	@Test
	void exportHoldsEverythingAboutTheClientAndIsAudited() throws Exception {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "nl").everything(this.clock)) {
			Response response = scene.get("/api/me/export", scene.accessToken);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("Content-Disposition")).startsWith("attachment").contains(".json");
			JsonNode sections = response.json().get("sections");
			assertThat(sections.at("/account/profile/username").asString()).isEqualTo(scene.username);
			assertThat(sections.at("/account/consents/houseRulesVersion").asString()).isEqualTo("2026-11");
			assertThat(sections.at("/account/therapists/0/startedAt").isMissingNode()).isFalse();
			JsonNode conversations = sections.get("conversations");
			assertThat(conversations.findValuesAsString("kind")).contains("THERAPY", "GUIDE", "CHECKIN");
			assertThat(conversations.findValuesAsString("text")).contains("Vandaag was zwaar <b>echt</b> & \"leeg\"",
					"Dag " + scene.pseudonym + ", fijn dat je schrijft.");
			JsonNode programme = sections.at("/programmes/0");
			assertThat(programme.at("/scores/0/score").asInt()).isEqualTo(8);
			assertThat(programme.at("/scores/0/questionnaire").asString()).isEqualTo("phq-9");
			assertThat(programme.findValuesAsString("text")).contains("Goed gedaan " + scene.pseudonym);
			assertThat(sections.at("/checkins/checkins/0/note").asString()).startsWith("Toets gehaald");
			assertThat(sections.at("/checkins/reminder/enabled").asBoolean()).isTrue();
			assertThat(sections.at("/nudges/nudges").size()).isEqualTo(2);
			assertThat(sections.at("/nudges/adaptive/enabled").asBoolean()).isTrue();
			JsonNode escalations = sections.get("escalations");
			assertThat(escalations.at("/0/signals/0/text").asString()).isEqualTo(GuaranteedPhrases.HIGH);
			assertThat(escalations.at("/0/outcome").asString()).isEqualTo("CONTACTED");
			assertThat(escalations.at("/1/severity").asString()).isEqualTo("REVIEW");
			assertThat(sections.get("audit").findValuesAsString("action")).contains("programme.view",
					"programme.comment", "checkin.view", "nudge.create", "escalation.claim", "escalation.note",
					"dashboard.view", "privacy.export");
			assertThat(response.body()).as("moderators' internal notes stay out").doesNotContain("Gebeld met");
			assertThat(audited(scene, scene.clientId)).contains("privacy.export");
		}
	}

	@Test
	void readablePageIsSelfContainedEscapedAndInTheClientsLanguage() throws Exception {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "en")) {
			RightsScene.say(scene.connect(scene.accessToken), scene.therapy, "<script>alert('x')</script> & co");

			Response page = scene.get("/api/me/export/html", scene.accessToken);

			assertThat(page.status()).isEqualTo(200);
			assertThat(page.header("Content-Type")).startsWith("text/html").containsIgnoringCase("utf-8");
			assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
			assertThat(page.header("Content-Disposition")).startsWith("attachment").contains(".html");
			assertThat(page.body())
				.contains("<html lang=\"en\">", "Your data at Cocon", "name=\"viewport\"", scene.pseudonym,
						"Chat with your therapist", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
				.doesNotContain("<script", "<link", "src=");
			Response dutch = scene.get("/api/me/export/html?lang=nl", scene.accessToken);
			assertThat(dutch.body()).contains("<html lang=\"nl\">", "Jouw gegevens bij Cocon", "Chat met je therapeut");
			assertThat(scene.get("/api/me/export/html?lang=fr", scene.accessToken).status()).isEqualTo(400);
		}
	}

	@Test
	void onlyAClientExportsAndErasesAndOnlyThemself() {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "nl")) {
			assertThat(scene.get("/api/me/export", scene.therapistToken).status()).isEqualTo(403);
			assertThat(scene.http
				.postJson("/api/me/erasure", "{\"password\":\"x\"}", "Authorization", "Bearer " + scene.moderatorToken)
				.status()).isEqualTo(403);
			assertThat(scene.http.get("/api/me/export").status()).isEqualTo(401);
		}
	}

	@Test
	void wrongPasswordIsRefusedAndCountsLikeAFailedSignIn() {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "nl")) {
			Response missing = scene.erase(null);
			assertThat(missing.status()).isEqualTo(400);
			assertThat(missing.json().get("code").asString()).isEqualTo("password.wrong");
			assertThat(missing.json().at("/errors/0/field").asString()).isEqualTo("password");
			for (int attempt = 0; attempt < 4; attempt++) {
				assertThat(scene.erase("not-my-password").status()).isEqualTo(400);
			}

			Response locked = scene.erase(RightsScene.PASSWORD);

			assertThat(locked.status()).isEqualTo(429);
			assertThat(locked.json().get("code").asString()).isEqualTo("auth.locked");
			assertThat(new PkceSignIn(this.port).login(scene.username, RightsScene.PASSWORD).header("Location"))
				.endsWith("/login?error=locked");
			assertThat(scene.get("/api/me", scene.accessToken).status()).as("nothing was erased").isEqualTo(200);
		}
	}

	@Test
	void openEscalationIsRefusedUntilAModeratorResolvesIt() {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "nl")) {
			scene.post("/api/help", "{}", scene.accessToken, 200);

			Response refused = scene.erase(RightsScene.PASSWORD);

			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.json().get("code").asString()).isEqualTo("erasure.open-escalation");
			assertThat(scene.get("/api/me", scene.accessToken).status()).as("nothing was erased").isEqualTo(200);
			scene.resolveOpenItem();
			assertThat(scene.erase(RightsScene.PASSWORD).status()).isEqualTo(204);
		}
	}

	@Test
	void erasureLeavesNothingAboutTheClientAndEndsEverySignIn() throws Exception {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "nl").everything(this.clock)) {
			StompTestClient live = scene.connect(scene.accessToken);

			assertThat(scene.erase(RightsScene.PASSWORD).status()).isEqualTo(204);

			assertThat(scene.get("/api/me", scene.accessToken).status()).isEqualTo(401);
			assertThat(scene.flow.refresh(scene.refreshToken).status()).isEqualTo(400);
			assertThat(live.awaitClosed(5000)).as("the live session is closed").isTrue();
			assertThat(StompTestClient.connectExpectingRefusal(this.port, scene.accessToken, 3000).connected())
				.isFalse();
			List<String> left = new ArrayList<>();
			for (String name : collections()) {
				mentioning(scene, name).forEach((id) -> left.add(name + " " + id));
			}
			assertThat(left).as("documents that still name the client").isEmpty();
			// (a sign-in attempt with the old username counts a failure under that name
			// again,
			// like one with any unknown name)
			assertThat(new PkceSignIn(this.port).login(scene.username, RightsScene.PASSWORD).header("Location"))
				.endsWith("/login?error=credentials");

			List<JsonNode> kept = new ArrayList<>();
			scene.get("/api/escalations?status=RESOLVED", scene.moderatorToken).json().forEach((item) -> {
				if (item.get("therapist") != null
						&& item.at("/therapist/id").asString().equals(scene.therapist.value())) {
					kept.add(item);
				}
			});
			assertThat(kept).as("the moderators keep both items, anonymised").hasSize(2);
			assertThat(kept).allSatisfy(
					(item) -> assertThat(item.at("/client/id").asString()).startsWith(ErasedClient.REPLACEMENT_PREFIX));
			assertThat(kept.stream().map((item) -> item.get("outcome").asString()))
				.containsExactlyInAnyOrder("CONTACTED", "CLIENT_DELETED");
			JsonNode detail = scene.get("/api/escalations/" + kept.get(0).get("id").asString(), scene.moderatorToken)
				.json();
			assertThat(detail.get("notes").size()).isZero();
			assertThat(detail.get("signals").findValuesAsString("text")).containsOnly("");
			String replacement = kept.get(0).at("/client/id").asString();
			assertThat(audited(scene, replacement)).contains("escalation.claim", "programme.comment",
					"privacy.erasure");
			assertThat(scene.get("/api/caseload", scene.therapistToken).json().findValuesAsString("id"))
				.doesNotContain(scene.clientId);
		}
	}

	@Test
	void anErasureThatStoppedHalfwayIsFinishedLater() throws Exception {
		try (RightsScene scene = new RightsScene(this.tokens, this.port, "nl")) {
			scene.post("/api/checkins",
					"{\"id\":\"" + java.util.UUID.randomUUID()
							+ "\",\"mood\":5,\"stress\":5,\"tags\":[],\"note\":\"voor " + scene.pseudonym + "\"}",
					scene.accessToken, 201);
			// the instance died right after the account was suspended
			this.pending.start(scene.clientId, scene.username, scene.pseudonym, this.clock.instant());
			this.accounts.suspend(scene.clientId);
			assertThat(scene.get("/api/me", scene.accessToken).status()).isEqualTo(401);

			this.resumption.run();
			assertThat(this.mongo.findById(scene.clientId, Document.class, PendingErasures.COLLECTION))
				.as("a young erasure may still be running in its request")
				.isNotNull();
			this.clock.advance(ErasureResumption.GRACE.plusSeconds(1));
			this.resumption.run();

			List<String> left = new ArrayList<>();
			for (String name : collections()) {
				mentioning(scene, name).forEach((id) -> left.add(name + " " + id));
			}
			assertThat(left).as("documents that still name the client").isEmpty();
		}
	}

	private Set<String> collections() {
		Set<String> names = new TreeSet<>(this.mongo.getCollectionNames());
		names.removeIf((name) -> name.startsWith("system."));
		return names;
	}

	/** The ids of the documents of a collection that name the client, read raw. */
	private List<String> mentioning(RightsScene scene, String collection) {
		List<String> needles = List.of(scene.clientId.toLowerCase(Locale.ROOT), scene.username.toLowerCase(Locale.ROOT),
				scene.pseudonym.toLowerCase(Locale.ROOT));
		List<String> found = new ArrayList<>();
		for (Document doc : this.mongo.getCollection(collection).find()) {
			String json = doc.toJson().toLowerCase(Locale.ROOT);
			if (needles.stream().anyMatch(json::contains)) {
				found.add(String.valueOf(doc.get("_id")));
			}
		}
		return found;
	}

	private static List<String> audited(RightsScene scene, String subject) {
		return scene.get("/api/admin/audit/" + subject + "?limit=500", scene.adminToken)
			.json()
			.findValuesAsString("action");
	}

}
