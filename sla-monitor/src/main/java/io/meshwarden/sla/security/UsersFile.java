package io.meshwarden.sla.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The basic-auth users of {@code meshwarden.security.users.file}: a YAML document
 * <pre>
 * users:
 *   - name: ana
 *     password: pbkdf2-sha256$600000$SALT$HASH
 *     roles: [operator]
 * </pre>
 * read once at start. A bad entry (no name, a duplicate, a malformed hash, an unknown role) fails
 * start-up naming the user and the field, rather than leaving that user silently unable to log in.
 * {@code classpath:RESOURCE} reads a resource, as mesh-local does with the demo users.
 */
public final class UsersFile {
    static final String CLASSPATH = "classpath:";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, User> users;

    private UsersFile(Map<String, User> users) {
        this.users = users;
    }

    /** One user: name, password hash and roles as written (implications not added). */
    public record User(String name, PasswordHash password, Set<String> roles) {
    }

    record Entry(String name, String password, List<String> roles) {
    }

    record Document(List<Entry> users) {
    }

    static UsersFile none() {
        return new UsersFile(Map.of());
    }

    /** The users of this location (a path or classpath:RESOURCE); empty is none. */
    public static UsersFile load(String location) {
        if (location == null || location.isBlank()) {
            return none();
        }
        try (InputStream in = open(location)) {
            return parse(YAML.readValue(in, Document.class), location);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
            InputStream in = UsersFile.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    static UsersFile parse(Document document, String location) {
        Map<String, User> users = new LinkedHashMap<>();
        List<Entry> entries = document == null || document.users() == null ? List.of() : document.users();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String where = location + ": users[" + i + "]";
            if (entry.name() == null || entry.name().isBlank()) {
                throw new IllegalArgumentException(where + ".name is required");
            }
            where = location + ": user '" + entry.name() + "'";
            if (users.containsKey(entry.name())) {
                throw new IllegalArgumentException(where + " appears twice");
            }
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(entry.password());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": password: " + e.getMessage(), e);
            }
            List<String> roles = entry.roles() == null ? List.of() : entry.roles();
            if (roles.isEmpty()) {
                throw new IllegalArgumentException(where + ": roles: at least one role is required");
            }
            for (String role : roles) {
                if (role == null || !Roles.isKnown(role)) {
                    throw new IllegalArgumentException(where + ": roles: unknown role '" + role + "'; known: viewer, operator,"
                            + " admin, owner:DOMAIN, steward:DOMAIN");
                }
            }
            users.put(entry.name(), new User(entry.name(), hash, Set.copyOf(roles)));
        }
        return new UsersFile(Map.copyOf(users));
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public int size() {
        return users.size();
    }
}
