package be.cocon.notification;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import be.cocon.privacy.ErasedClient;
import be.cocon.privacy.PersonalData;

/**
 * A client's registered devices and notification choices: exported without the endpoints'
 * secret paths or keys (the push service's host says which browser it is), deleted at
 * erasure.
 */
@Component
class NotificationPersonalData implements PersonalData {

	private final PushUsers users;

	NotificationPersonalData(PushUsers users) {
		this.users = users;
	}

	@Override
	public String section() {
		return "notifications";
	}

	@Override
	public Set<String> collections() {
		return Set.of(PushUser.COLLECTION);
	}

	@Override
	public Object export(String clientId) {
		PushUser user = this.users.of(clientId);
		List<DeviceExport> devices = user.devices()
			.stream()
			.map((device) -> new DeviceExport(URI.create(device.endpoint()).getHost(), device.createdAt()))
			.toList();
		return new NotificationsExport(devices, user.types().stream().map(Enum::name).sorted().toList());
	}

	@Override
	public void erase(ErasedClient client) {
		this.users.delete(client.clientId());
	}

	/**
	 * @param devices the registered browsers
	 * @param optedIn the kinds of notification switched on
	 */
	record NotificationsExport(List<DeviceExport> devices, List<String> optedIn) {
	}

	/**
	 * @param pushService the host of the browser's push service
	 * @param registeredAt when the device was registered
	 */
	record DeviceExport(String pushService, Instant registeredAt) {
	}

}
