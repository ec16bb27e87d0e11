package be.cocon.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Accounts in the store. Every hot lookup goes by {@code _id}: a username is claimed in
 * its own collection whose {@code _id} is the lower-cased username, which also makes
 * usernames unique on a store without working secondary indexes.
 */
@Repository
class Users {

	static final String USERNAMES = "usernames";

	private final MongoTemplate mongo;

	Users(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	void createIndexes() {
		// only real MongoDB uses these; the embedded store answers by _id
		this.mongo.indexOps(UserDocument.COLLECTION).createIndex(new Index("usernameKey", Sort.Direction.ASC).unique());
		this.mongo.indexOps(UserDocument.COLLECTION).createIndex(new Index("roles", Sort.Direction.ASC));
	}

	UserDocument insert(UserDocument user) {
		try {
			this.mongo.insert(new Document("_id", user.usernameKey()).append("userId", user.id()), USERNAMES);
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTakenException(user.username());
		}
		try {
			return this.mongo.insert(user);
		}
		catch (RuntimeException ex) {
			this.mongo.remove(Query.query(Criteria.where("_id").is(user.usernameKey())), USERNAMES);
			throw ex;
		}
	}

	Optional<UserDocument> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, UserDocument.class));
	}

	Optional<UserDocument> findByUsername(String username) {
		Document claim = this.mongo.findById(UserDocument.keyOf(username), Document.class, USERNAMES);
		if (claim == null) {
			return Optional.empty();
		}
		return findById(claim.getString("userId"));
	}

	List<UserDocument> findAllById(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), UserDocument.class);
	}

	/** Admin listing: a full scan, fine for an admin page, never used on a hot path. */
	List<UserDocument> findAll(@Nullable Role role, @Nullable String text) {
		Query query = new Query().with(Sort.by("createdAt").descending());
		if (role != null) {
			query.addCriteria(Criteria.where("roles").is(role));
		}
		List<UserDocument> users = this.mongo.find(query, UserDocument.class);
		if (text == null || text.isBlank()) {
			return users;
		}
		String needle = UserDocument.keyOf(text);
		return users.stream()
			.filter((user) -> user.usernameKey().contains(needle)
					|| user.pseudonym().toLowerCase(java.util.Locale.ROOT).contains(needle))
			.toList();
	}

	boolean anyWithRole(Role role) {
		return this.mongo.exists(Query.query(Criteria.where("roles").is(role)), UserDocument.class);
	}

	void setDisabledAt(String id, @Nullable Instant disabledAt) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("disabledAt", disabledAt).inc("version", 1), UserDocument.class);
	}

	/**
	 * Replaces the assignment fields of a client if nobody changed the document since it
	 * was read.
	 * @return whether the write happened
	 */
	boolean replaceAssignments(UserDocument read, @Nullable String therapistId,
			List<UserDocument.Assignment> assignments) {
		Query unchanged = Query.query(Criteria.where("_id").is(read.id()).and("version").is(read.version()));
		Update update = new Update().set("therapistId", therapistId).set("assignments", assignments).inc("version", 1);
		return this.mongo.updateFirst(unchanged, update, UserDocument.class).getModifiedCount() == 1;
	}

	void setRoles(String id, Set<Role> roles) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("roles", roles).inc("version", 1), UserDocument.class);
	}

	void updatePreferences(String id, @Nullable String locale, @Nullable String timezone) {
		Update update = new Update().inc("version", 1);
		if (locale != null) {
			update.set("locale", locale);
		}
		if (timezone != null) {
			update.set("timezone", timezone);
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, UserDocument.class);
	}

	/**
	 * Deletes an account and its username claim (the claim only while it still names this
	 * account); safe to repeat.
	 */
	void delete(String id, String username) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(UserDocument.keyOf(username)).and("userId").is(id)),
				USERNAMES);
		this.mongo.remove(Query.query(Criteria.where("_id").is(id)), UserDocument.class);
	}

}
