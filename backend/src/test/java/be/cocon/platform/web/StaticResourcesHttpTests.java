package be.cocon.platform.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser app's files over real HTTP (Tomcat compresses, not Spring MVC): hashed
 * chunks gzipped and cached for a year, the files that name them revalidated on every
 * use, and the service worker and manifest open to everyone with their proper types.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaticResourcesHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void hashedChunkIsGzippedAndCachedForAYear() throws Exception {
		HttpResponse<byte[]> response = get("/assets/probe-Zx81Qa.js", "gzip");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		// the body really is gzip (magic bytes), not just labelled so
		assertThat(response.body()).startsWith(0x1f, 0x8b);
	}

	@Test
	void chunkGzippedByTheBuildIsSentAsItIs() throws Exception {
		HttpResponse<byte[]> response = get("/assets/precompressed-Yq27Lm.js", "gzip, deflate");

		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		try (InputStream built = new ClassPathResource("static/assets/precompressed-Yq27Lm.js.gz").getInputStream()) {
			assertThat(response.body()).isEqualTo(built.readAllBytes());
		}
	}

	@Test
	void chunkIsSentPlainToAClientThatCannotUnzip() throws Exception {
		HttpResponse<byte[]> response = get("/assets/probe-Zx81Qa.js", "identity");

		assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(response.body())).startsWith("// a stand-in");
	}

	@Test
	void serviceWorkerIsPublicJavaScriptAlwaysRevalidated() throws Exception {
		HttpResponse<byte[]> response = get("/sw.js", "identity");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
	}

	@Test
	void manifestIsPublicManifestJsonAlwaysRevalidated() throws Exception {
		HttpResponse<byte[]> response = get("/manifest.webmanifest", "identity");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/manifest+json"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
	}

	private HttpResponse<byte[]> get(String path, String encoding) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept-Encoding", encoding)
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

}
