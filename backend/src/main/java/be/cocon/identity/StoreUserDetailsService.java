package be.cocon.identity;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Loads an account for password sign-in. The principal's name is the account id, so the
 * {@code sub} of every token is the stable id, not the username.
 */
class StoreUserDetailsService implements UserDetailsService {

	private final Users users;

	StoreUserDetailsService(Users users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserDocument user = this.users.findByUsername(username)
			.filter((found) -> found.passwordHash() != null)
			.orElseThrow(() -> new UsernameNotFoundException("No account for this username"));
		return User.withUsername(user.id())
			.password(user.passwordHash())
			.roles(user.roles().stream().map(Role::name).toArray(String[]::new))
			.disabled(user.disabledAt() != null)
			.build();
	}

}
