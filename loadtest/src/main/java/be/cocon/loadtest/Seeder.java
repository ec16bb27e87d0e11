package be.cocon.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import be.cocon.loadtest.CoconApi.SignedUp;
import be.cocon.loadtest.CoconApi.Tokens;
import be.cocon.loadtest.SeedCache.Pair;

/**
 * Makes client–therapist pairs through the public API, the way people would: an admin
 * creates the therapist, the client signs up, the admin assigns them, the therapist signs
 * in. Nothing is written to the store directly. Pairs already in the cache are kept and
 * their tokens refreshed when they would expire during the run.
 */
final class Seeder {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final CoconApi api;

	private final Path cacheFile;

	private final String adminUser;

	private final String adminPassword;

	private final int concurrency;

	private @Nullable Tokens admin;

	Seeder(CoconApi api, Path cacheFile, String adminUser, String adminPassword, int concurrency) {
		this.api = api;
		this.cacheFile = cacheFile;
		this.adminUser = adminUser;
		this.adminPassword = adminPassword;
		this.concurrency = concurrency;
	}

	/**
	 * The first {@code count} pairs, seeding those that are missing, with tokens valid
	 * for at least {@code validFor}.
	 */
	List<Pair> ensure(int count, Duration validFor) throws Exception {
		SeedCache cache = loadUsable();
		List<Pair> pairs = new ArrayList<>(cache.pairs());
		if (pairs.size() < count) {
			seed(cache, pairs, count);
		}
		List<Pair> wanted = refresh(cache, pairs, count, validFor);
		return wanted;
	}

	/** The cache, or a new empty one when there is none or its tokens are dead. */
	private SeedCache loadUsable() {
		if (Files.exists(this.cacheFile)) {
			SeedCache cache = SeedCache.load(this.cacheFile);
			if (cache.pairs().isEmpty()) {
				return cache;
			}
			Pair first = stillKnown(cache, cache.pairs().get(0));
			if (first != null) {
				List<Pair> pairs = new ArrayList<>(cache.pairs());
				pairs.set(0, first);
				SeedCache usable = new SeedCache(cache.prefix(), cache.password(), pairs);
				usable.save(this.cacheFile);
				return usable;
			}
			Path stale = this.cacheFile.resolveSibling(this.cacheFile.getFileName() + ".stale");
			System.out
				.println("The cached accounts are unknown to this server (a new data folder?); moved the cache to "
						+ stale + " and seeding anew");
			try {
				Files.move(this.cacheFile, stale, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new SeedCache("lt" + random(5), random(12) + "-" + random(12), List.of());
	}

	/**
	 * The pair with working tokens (refreshed if need be; the server rotates refresh
	 * tokens, so the new ones must be kept), or null when the server does not know them.
	 */
	private @Nullable Pair stillKnown(SeedCache cache, Pair pair) {
		if (pair.client().validFor(Duration.ofMinutes(1)) && this.api.accepts(pair.client().accessToken())) {
			return pair;
		}
		try {
			Tokens client = this.api.refresh(pair.client().refreshToken());
			if (!this.api.accepts(client.accessToken())) {
				return null;
			}
			return pair.withTokens(client, renew(cache, pair.therapistUsername(), pair.therapist()));
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

	private void seed(SeedCache cache, List<Pair> pairs, int count) throws Exception {
		int from = pairs.size();
		System.out.printf(Locale.ROOT, "Seeding %d client-therapist pairs (%d already seeded)...%n", count - from,
				from);
		long started = System.nanoTime();
		AtomicInteger done = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(this.concurrency);
		try {
			List<Future<Pair>> made = new ArrayList<>();
			for (int index = from; index < count; index++) {
				int at = index;
				made.add(workers.submit(() -> {
					Pair pair = seedPair(cache, at);
					int finished = done.incrementAndGet();
					if (finished % 100 == 0) {
						System.out.printf(Locale.ROOT, "  %d of %d pairs seeded (%.0f s)%n", finished, count - from,
								(System.nanoTime() - started) / 1e9);
					}
					return pair;
				}));
			}
			for (int i = 0; i < made.size(); i++) {
				pairs.add(made.get(i).get());
				// keep what was made, so an interrupted seed is not lost
				if (i % 100 == 99) {
					new SeedCache(cache.prefix(), cache.password(), pairs).save(this.cacheFile);
				}
			}
		}
		finally {
			workers.shutdownNow();
		}
		new SeedCache(cache.prefix(), cache.password(), pairs).save(this.cacheFile);
		System.out.printf(Locale.ROOT, "Seeded %d pairs in %.0f s%n", count - from,
				(System.nanoTime() - started) / 1e9);
	}

	private Pair seedPair(SeedCache cache, int index) {
		// a short random tail keeps a retried seed clear of a name an interrupted one
		// took
		String tail = random(3);
		String therapistName = cache.prefix() + "-t" + index + tail;
		String clientName = cache.prefix() + "-c" + index + tail;
		String therapistId = this.api.createStaff(adminToken(), therapistName, "Load therapist " + index,
				cache.password(), "THERAPIST");
		SignedUp client = this.api.signUp(clientName, "Load client " + index, cache.password());
		this.api.assign(adminToken(), client.id(), therapistId);
		Tokens therapist = this.api.signIn(therapistName, cache.password());
		return new Pair(index, client.id(), clientName, client.tokens(), therapistId, therapistName, therapist);
	}

	private synchronized String adminToken() {
		if (this.admin == null || !this.admin.validFor(Duration.ofMinutes(1))) {
			this.admin = this.api.signIn(this.adminUser, this.adminPassword);
		}
		return this.admin.accessToken();
	}

	private List<Pair> refresh(SeedCache cache, List<Pair> pairs, int count, Duration validFor) throws Exception {
		List<Integer> stale = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Pair pair = pairs.get(i);
			if (!pair.client().validFor(validFor) || !pair.therapist().validFor(validFor)) {
				stale.add(i);
			}
		}
		if (!stale.isEmpty()) {
			System.out.printf(Locale.ROOT, "Refreshing the tokens of %d pairs...%n", stale.size());
			ExecutorService workers = Executors.newFixedThreadPool(Math.max(this.concurrency, 8));
			try {
				List<Future<Pair>> refreshed = new ArrayList<>();
				for (int i : stale) {
					Pair pair = pairs.get(i);
					refreshed
						.add(workers.submit(() -> pair.withTokens(renew(cache, pair.clientUsername(), pair.client()),
								renew(cache, pair.therapistUsername(), pair.therapist()))));
				}
				for (int i = 0; i < stale.size(); i++) {
					pairs.set(stale.get(i), refreshed.get(i).get());
				}
			}
			finally {
				workers.shutdownNow();
			}
			new SeedCache(cache.prefix(), cache.password(), pairs).save(this.cacheFile);
		}
		return List.copyOf(pairs.subList(0, count));
	}

	/** A refresh grant; a sign-in with the password when the refresh token expired. */
	private Tokens renew(SeedCache cache, String username, Tokens tokens) {
		try {
			return this.api.refresh(tokens.refreshToken());
		}
		catch (IllegalStateException ex) {
			return this.api.signIn(username, cache.password());
		}
	}

	private static String random(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

}
