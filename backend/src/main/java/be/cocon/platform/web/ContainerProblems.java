package be.cocon.platform.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before any application code runs (an encoded slash, a NUL or
 * bytes that are not UTF-8 in the path, a request line or headers that are too large) are
 * answered by the host's error report valve, which writes an HTML page. This puts a valve
 * in front of it that writes a problem detail instead, so every 4xx of the server is
 * {@code application/problem+json}. It has no request id: the request never got one.
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// added after Spring Boot's own error report valve, so it reports first
		factory.addContextCustomizers((context) -> context.getParent().getPipeline().addValve(new ProblemReport()));
	}

	static final class ProblemReport extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean(true);
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get()) {
				return;
			}
			try {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("utf-8");
				PrintWriter writer = response.getReporter();
				if (writer != null) {
					writer.write(problem(status));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the response is already on its way
			}
		}

		private static String problem(int status) {
			HttpStatus known = HttpStatus.resolve(status);
			String title = (known != null) ? known.getReasonPhrase() : "Error";
			return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
					+ ",\"detail\":\"The server refused the request before it reached the application: its request"
					+ " line, path or headers are not valid (for example an encoded slash, a NUL or bytes that are"
					+ " not UTF-8 in the path, or headers that are too large).\",\"code\":\"request.rejected\"}";
		}

	}

}
