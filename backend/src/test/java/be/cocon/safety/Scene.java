package be.cocon.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;

/**
 * The people of a safety test: a client with a therapist, a moderator, their tokens, the
 * therapy conversation, and helpers to talk to the running server over REST and STOMP.
 */
final class Scene implements AutoCloseable {

	static final String MESSAGES = "/user/queue/messages";

	static final String ACKS = "/user/queue/acks";

	static final String THERAPIST_EVENTS = "/user/queue/escalations";

	static final String MODERATOR_EVENTS = "/topic/escalations";

	final TestTokens tokens;

	final UserId client;

	final UserId therapist;

	final UserId moderator;

	final String clientToken;

	final String therapistToken;

	final String moderatorToken;

	final String conversation;

	final HttpTestClient http;

	private final int port;

	private final List<StompTestClient> open = new ArrayList<>();

	Scene(TestTokens tokens, int port) {
		this.tokens = tokens;
		this.port = port;
		this.client = tokens.account(Role.CLIENT);
		this.therapist = tokens.account(Role.THERAPIST);
		this.moderator = tokens.account(Role.MODERATOR);
		tokens.assign(this.client, this.therapist);
		this.clientToken = tokens.tokenFor(this.client, Role.CLIENT);
		this.therapistToken = tokens.tokenFor(this.therapist, Role.THERAPIST);
		this.moderatorToken = tokens.tokenFor(this.moderator, Role.MODERATOR);
		this.conversation = "therapy-" + this.client.value() + "-" + this.therapist.value();
		this.http = new HttpTestClient(port);
	}

	/**
	 * Connects, subscribes to the user queues and these, and waits until they are in
	 * place.
	 */
	StompTestClient connect(String token, String... destinations) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token);
		this.open.add(stomp);
		for (String queue : List.of(MESSAGES, ACKS, "/user/queue/errors")) {
			stomp.subscribe(queue);
		}
		for (String destination : destinations) {
			stomp.subscribe(destination);
		}
		return stomp.awaitSubscribed();
	}

	/** Sends a message in the therapy conversation and returns its acknowledgement. */
	JsonNode say(StompTestClient stomp, String text) throws InterruptedException {
		String id = UUID.randomUUID().toString();
		stomp.sendMessage(this.conversation, id, text);
		while (true) {
			JsonNode ack = stomp.next(ACKS);
			if (id.equals(ack.get("clientMessageId").asString())) {
				return ack;
			}
		}
	}

	Response post(String path, String json, String token) {
		return this.http.postJson(path, json, "Authorization", bearer(token));
	}

	Response get(String path, String token) {
		return this.http.get(path, "Authorization", bearer(token));
	}

	/** The client's therapy conversation as the client sees it, oldest first. */
	JsonNode history() {
		return get("/api/conversations/" + this.conversation + "/messages", this.clientToken).json().get("messages");
	}

	/** The id of the client's open item in the moderators' queue. */
	String openItem() {
		for (JsonNode item : get("/api/escalations", this.moderatorToken).json()) {
			if (item.at("/client/id").asString().equals(this.client.value())) {
				return item.get("id").asString();
			}
		}
		throw new AssertionError("No open item for the client");
	}

	JsonNode item(String id) {
		return get("/api/escalations/" + id, this.moderatorToken).json();
	}

	/** The actions audited about the client. */
	List<String> audited() {
		return get("/api/admin/audit/" + this.client.value(), this.tokens.tokenFor(Role.ADMIN)).json()
			.findValuesAsString("action");
	}

	/** The next event about this scene's client (events about others may pass by). */
	JsonNode nextEvent(StompTestClient stomp, String destination) throws InterruptedException {
		while (true) {
			JsonNode event = stomp.next(destination);
			if (event.at("/escalation/client/id").asString().equals(this.client.value())) {
				return event;
			}
		}
	}

	@Override
	public void close() {
		this.open.forEach(StompTestClient::close);
	}

}
