package be.cocon.identity;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Runs work that no person asked for (demo seeding, the first admin at startup) as the
 * system, an administrator, so it passes the same method security as an admin's request.
 */
final class SystemAuthentication {

	static final String NAME = "system";

	private SystemAuthentication() {
	}

	static <T> T call(Supplier<T> work) {
		SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
		SecurityContext previous = contexts.getContext();
		SecurityContext system = contexts.createEmptyContext();
		system.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(NAME, null,
				AuthorityUtils.createAuthorityList(Role.ADMIN.authority())));
		contexts.setContext(system);
		try {
			return work.get();
		}
		finally {
			contexts.setContext(previous);
		}
	}

	static void run(Runnable work) {
		call(() -> {
			work.run();
			return null;
		});
	}

}
