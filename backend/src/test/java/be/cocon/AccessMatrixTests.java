package be.cocon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.support.ApiEndpoints;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code /api} endpoint against every role (and no token), with the expected
 * status. A new endpoint without a row here fails {@link #everyApiEndpointHasARow()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class AccessMatrixTests {

	/** Expected status per caller: none, CLIENT, THERAPIST, MODERATOR, ADMIN. */
	private static final Map<String, int[]> MATRIX = new LinkedHashMap<>();

	static {
		MATRIX.put("GET /api/me", new int[] { 401, 200, 200, 200, 200 });
		MATRIX.put("PATCH /api/me", new int[] { 401, 200, 200, 200, 200 });
		MATRIX.put("GET /api/me/export", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("GET /api/me/export/html", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("POST /api/me/erasure", new int[] { 401, 400, 403, 403, 403 });
		MATRIX.put("GET /api/caseload", new int[] { 401, 403, 200, 403, 403 });
		MATRIX.put("GET /api/admin/accounts", new int[] { 401, 403, 403, 403, 200 });
		MATRIX.put("POST /api/admin/accounts", new int[] { 401, 403, 403, 403, 400 });
		MATRIX.put("POST /api/admin/accounts/{id}/disable", new int[] { 401, 403, 403, 403, 404 });
		MATRIX.put("POST /api/admin/accounts/{id}/enable", new int[] { 401, 403, 403, 403, 404 });
		MATRIX.put("PUT /api/admin/clients/{clientId}/therapist", new int[] { 401, 403, 403, 403, 400 });
		MATRIX.put("DELETE /api/admin/clients/{clientId}/therapist", new int[] { 401, 403, 403, 403, 404 });
		MATRIX.put("GET /api/admin/clients/{clientId}/assignments", new int[] { 401, 403, 403, 403, 404 });
		MATRIX.put("GET /api/conversations", new int[] { 401, 200, 200, 200, 200 });
		MATRIX.put("GET /api/admin/audit/{subjectId}", new int[] { 401, 403, 403, 403, 200 });
		MATRIX.put("GET /api/admin/privacy/keys", new int[] { 401, 403, 403, 403, 200 });
		MATRIX.put("POST /api/admin/privacy/keys/rotate", new int[] { 401, 403, 403, 403, 200 });
		MATRIX.put("GET /api/programmes", new int[] { 401, 200, 200, 200, 200 });
		MATRIX.put("GET /api/enrolments", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("POST /api/enrolments", new int[] { 401, 400, 403, 403, 403 });
		MATRIX.put("GET /api/enrolments/{enrolmentId}", new int[] { 401, 404, 403, 403, 403 });
		MATRIX.put("POST /api/enrolments/{enrolmentId}/answers", new int[] { 401, 404, 403, 403, 403 });
		MATRIX.put("POST /api/enrolments/{enrolmentId}/{action:pause|resume|restart|leave}",
				new int[] { 401, 404, 403, 403, 403 });
		MATRIX.put("POST /api/enrolments/{enrolmentId}/steps/{stepId}/comments", new int[] { 401, 403, 400, 403, 403 });
		MATRIX.put("GET /api/clients/{clientId}/enrolments", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("POST /api/clients/{clientId}/enrolments", new int[] { 401, 403, 400, 403, 403 });
		MATRIX.put("GET /api/conversations/{conversationId}/messages", new int[] { 401, 404, 404, 404, 404 });
		MATRIX.put("GET /api/crisis-resources", new int[] { 200, 200, 200, 200, 200 });
		MATRIX.put("POST /api/help", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("GET /api/caseload/escalations", new int[] { 401, 403, 200, 403, 403 });
		MATRIX.put("POST /api/clients/{clientId}/escalations", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("GET /api/escalations", new int[] { 401, 403, 403, 200, 403 });
		MATRIX.put("GET /api/escalations/{id}", new int[] { 401, 403, 403, 404, 403 });
		MATRIX.put("POST /api/escalations/{id}/claim", new int[] { 401, 403, 403, 404, 403 });
		MATRIX.put("POST /api/escalations/{id}/join", new int[] { 401, 403, 403, 404, 403 });
		MATRIX.put("POST /api/escalations/{id}/notes", new int[] { 401, 403, 403, 400, 403 });
		MATRIX.put("POST /api/escalations/{id}/resolve", new int[] { 401, 403, 403, 400, 403 });
		MATRIX.put("POST /api/escalations/{id}/dismiss", new int[] { 401, 403, 403, 400, 403 });
		MATRIX.put("POST /api/escalations/{id}/escalate", new int[] { 401, 403, 403, 400, 403 });
		MATRIX.put("GET /api/safety/stats", new int[] { 401, 403, 403, 200, 200 });
		MATRIX.put("GET /api/caseload/overview", new int[] { 401, 403, 200, 403, 403 });
		MATRIX.put("GET /api/clients/{clientId}/nudges", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("POST /api/clients/{clientId}/nudges", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("POST /api/clients/{clientId}/nudges/{nudgeId}/{action:cancel|approve|dismiss}",
				new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("GET /api/clients/{clientId}/nudge-settings", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("PUT /api/clients/{clientId}/nudge-settings", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("GET /api/nudge-templates", new int[] { 401, 403, 200, 403, 403 });
		MATRIX.put("POST /api/nudge-templates", new int[] { 401, 403, 400, 403, 403 });
		MATRIX.put("DELETE /api/nudge-templates/{templateId}", new int[] { 401, 403, 404, 403, 403 });
		MATRIX.put("POST /api/checkins", new int[] { 401, 400, 403, 403, 403 });
		MATRIX.put("GET /api/checkins", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("GET /api/checkins/trends", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("GET /api/checkins/tags", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("GET /api/checkins/reminder", new int[] { 401, 200, 403, 403, 403 });
		MATRIX.put("PUT /api/checkins/reminder", new int[] { 401, 400, 403, 403, 403 });
		MATRIX.put("GET /api/clients/{clientId}/checkins", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("GET /api/clients/{clientId}/checkins/trends", new int[] { 401, 403, 403, 403, 403 });
		MATRIX.put("GET /api/me/audit", new int[] { 401, 200, 200, 200, 200 });
		MATRIX.put("GET /api/push/vapid-public-key", new int[] { 401, 200, 200, 200, 200 });
		MATRIX.put("PUT /api/push/subscriptions", new int[] { 401, 400, 400, 400, 400 });
		MATRIX.put("DELETE /api/push/subscriptions/{deviceId}", new int[] { 401, 204, 204, 204, 204 });
		MATRIX.put("GET /api/push/preferences", new int[] { 401, 200, 200, 200, 200 });
		MATRIX.put("PUT /api/push/preferences", new int[] { 401, 200, 200, 200, 200 });
	}

	private static final Role[] CALLERS = { null, Role.CLIENT, Role.THERAPIST, Role.MODERATOR, Role.ADMIN };

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyApiEndpointHasARow() {
		Set<String> endpoints = ApiEndpoints.of(this.mappings);

		assertThat(endpoints).containsExactlyInAnyOrderElementsOf(MATRIX.keySet());
	}

	@Test
	void everyRoleGetsTheExpectedStatus() {
		HttpTestClient http = new HttpTestClient(this.port);
		Map<String, String> failures = new LinkedHashMap<>();
		for (int i = 0; i < CALLERS.length; i++) {
			String token = (CALLERS[i] != null) ? this.tokens.tokenFor(CALLERS[i]) : null;
			for (Map.Entry<String, int[]> row : MATRIX.entrySet()) {
				Response response = call(http, row.getKey(), token);
				if (response.status() != row.getValue()[i]) {
					failures.put(row.getKey() + " as " + CALLERS[i],
							"expected " + row.getValue()[i] + " but got " + response.status() + " " + response.body());
				}
			}
		}

		assertThat(failures).isEmpty();
	}

	private static Response call(HttpTestClient http, String endpoint, String token) {
		String[] parts = endpoint.split(" ");
		String path = parts[1].replace("{id}", "unknown-id")
			.replace("{clientId}", "unknown-id")
			.replace("{conversationId}", "unknown-id")
			.replace("{enrolmentId}", "unknown-id")
			.replace("{stepId}", "welcome")
			.replace("{subjectId}", "unknown-id")
			.replace("{action:pause|resume|restart|leave}", "pause")
			.replace("{nudgeId}", "unknown-id")
			.replace("{templateId}", "unknown-id")
			.replace("{deviceId}", "unknown-id")
			.replace("{action:cancel|approve|dismiss}", "cancel");
		String[] auth = (token != null) ? new String[] { "Authorization", bearer(token) } : new String[0];
		return switch (parts[0]) {
			case "GET" -> http.get(path, auth);
			case "DELETE" -> http.delete(path, auth);
			case "PUT" -> http.putJson(path, "{}", auth);
			case "PATCH" -> http.patchJson(path, "{}", auth);
			case "ANY", "POST" -> http.postJson(path, "{}", auth);
			default -> throw new IllegalArgumentException("Unknown method in row " + endpoint);
		};
	}

}
