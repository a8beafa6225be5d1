package io.meshwarden.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.text.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of a Confluent-compatible schema registry's REST API (Confluent Schema Registry, Karapace, Apicurio's
 * {@code ccompat} API, Redpanda): schemas by id ({@code GET /schemas/ids/{id}}, cached for good, as a registry
 * never changes what an id means) and a subject's versions ({@code GET /subjects/{subject}/versions/latest|N},
 * not cached), and registration of an Avro schema under a subject ({@code POST /subjects/{subject}/versions}, cached
 * per subject and schema, as registering the same schema again only answers the same id). Basic or bearer authentication and a trust store of its own come from the configuration
 * ({@code meshwarden.schema.registry.*}). Every failure is a {@link SchemaRegistryException} saying whether the
 * registry does not have the schema, refused us, or could not be reached: a request never blocks longer than the
 * timeout, and after an unreachable registry none is sent for another timeout's length, so that a stream thread
 * reading records of unknown ids does not wait out a timeout per record while the registry is down.
 */
public final class SchemaRegistryClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/json";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** How much of the registry's own error message an exception quotes. */
    private static final int MESSAGE_LIMIT = 300;

    private final URI base;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
    private final Map<Registration, Integer> registered = new ConcurrentHashMap<>();
    /** After a failure to reach the registry, it is not asked again before this (epoch ms): records do not each wait out a timeout. */
    private volatile long unavailableUntil;
    private volatile String lastFailure;

    SchemaRegistryClient(URI base, HttpClient http, Optional<String> authorization, Duration timeout) {
        this.base = base;
        this.http = http;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    /** The registry the configuration names; empty when {@code meshwarden.schema.registry.url} is empty. */
    public static Optional<SchemaRegistryClient> from(MeshwardenConfig config) {
        String url = config.get(Settings.SCHEMA_REGISTRY_URL).strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Settings.SCHEMA_REGISTRY_URL.key() + ": not a URL: " + url, e);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException(Settings.SCHEMA_REGISTRY_URL.key() + ": an http or https URL, not " + url);
        }
        String userInfo = config.get(Settings.SCHEMA_REGISTRY_BASIC_AUTH);
        String token = config.get(Settings.SCHEMA_REGISTRY_BEARER_TOKEN);
        if (!userInfo.isBlank() && !token.isBlank()) {
            throw new IllegalArgumentException("set " + Settings.SCHEMA_REGISTRY_BASIC_AUTH.key() + " or "
                    + Settings.SCHEMA_REGISTRY_BEARER_TOKEN.key() + ", not both");
        }
        if (!userInfo.isBlank() && !userInfo.contains(":")) {
            throw new IllegalArgumentException(Settings.SCHEMA_REGISTRY_BASIC_AUTH.key() + " must be USER:PASSWORD");
        }
        Optional<String> authorization = !userInfo.isBlank()
                ? Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
                : token.isBlank() ? Optional.empty() : Optional.of("Bearer " + token.strip());
        long timeoutMs = config.getLong(Settings.SCHEMA_REGISTRY_TIMEOUT_MS);
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException(Settings.SCHEMA_REGISTRY_TIMEOUT_MS.key() + " must be positive; was " + timeoutMs);
        }
        Duration timeout = Duration.ofMillis(timeoutMs);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        String trustStore = config.get(Settings.SCHEMA_REGISTRY_TRUSTSTORE);
        if (!trustStore.isBlank()) {
            http.sslContext(trusting(Path.of(trustStore), config.get(Settings.SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD)));
        }
        return Optional.of(new SchemaRegistryClient(base, http.build(), authorization, timeout));
    }

    private record Registration(String subject, String schema) {
    }

    /** The registry's base URL, for messages. */
    public URI url() {
        return base;
    }

    /**
     * Registers the Avro schema {@code avroSchema} under {@code subject} and returns its global id; a schema the
     * subject already has keeps its id (the registry answers it again), so this asks the registry once per subject
     * and schema in this process.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException.Kind#REJECTED} when the registry refuses the
     *                                 schema (incompatible with the subject's versions, or invalid), or as for reads
     */
    public int register(String subject, String avroSchema) {
        Registration key = new Registration(subject, avroSchema);
        Integer cached = registered.get(key);
        if (cached != null) {
            return cached;
        }
        String body;
        try {
            body = MAPPER.writeValueAsString(MAPPER.createObjectNode().put("schema", avroSchema));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a registration request", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(subjectPath(subject) + "/versions"))
                .header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        JsonNode answer = call(request, "registering a schema under subject '" + subject + "'");
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID_RESPONSE, "the registry's answer to"
                    + " registering under subject '" + subject + "' has no integer id");
        }
        registered.put(key, id.asInt());
        return id.asInt();
    }

    /** The schema with this global id. */
    public RegisteredSchema byId(int id) {
        RegisteredSchema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call(HttpRequest.newBuilder(base.resolve("schemas/ids/" + id)).GET(), "schema id " + id);
        RegisteredSchema schema = new RegisteredSchema(id, RegisteredSchema.Type.of(text(body, "schemaType", false)),
                text(body, "schema", true), null, 0);
        byId.put(id, schema);
        return schema;
    }

    /** The latest version registered under {@code subject}. */
    public RegisteredSchema latest(String subject) {
        return version(subject, "latest");
    }

    /** Version {@code version} ("latest" or a number) of {@code subject}. */
    public RegisteredSchema version(String subject, String version) {
        JsonNode body = call(HttpRequest.newBuilder(base.resolve(subjectPath(subject) + "/versions/"
                + URLEncoder.encode(version, StandardCharsets.UTF_8))).GET(), "subject '" + subject + "' version " + version);
        JsonNode id = body.get("id");
        JsonNode number = body.get("version");
        if (id == null || !id.canConvertToInt() || number == null || !number.canConvertToInt()) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID_RESPONSE, "the registry's answer for subject '"
                    + subject + "' has no integer id and version");
        }
        return new RegisteredSchema(id.asInt(), RegisteredSchema.Type.of(text(body, "schemaType", false)),
                text(body, "schema", true), subject, number.asInt());
    }

    private static String subjectPath(String subject) {
        return "subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(HttpRequest.Builder request, String what) {
        long now = System.currentTimeMillis();
        if (now < unavailableUntil) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.UNAVAILABLE, lastFailure + "; not asked again for "
                    + (unavailableUntil - now) + " ms");
        }
        try {
            return send(request, what);
        } catch (SchemaRegistryException e) {
            if (e.kind() == SchemaRegistryException.Kind.UNAVAILABLE) {
                lastFailure = e.getMessage();
                unavailableUntil = System.currentTimeMillis() + timeout.toMillis();
            }
            throw e;
        }
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        request.timeout(timeout).header("Accept", ACCEPT);
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.UNAVAILABLE, "the schema registry at " + base
                    + " could not be reached for " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.Kind.UNAVAILABLE, "interrupted while asking the schema"
                    + " registry for " + what, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.NOT_FOUND, "the schema registry at " + base
                    + " has no " + what);
        }
        if (status == 401 || status == 403) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.UNAUTHORIZED, "the schema registry at " + base
                    + " refused the credentials (HTTP " + status + ") for " + what);
        }
        if (status == 409 || status == 422) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.REJECTED, "the schema registry at " + base
                    + " refused " + what + " (HTTP " + status + errorMessage(response.body()) + ")");
        }
        if (status / 100 != 2) {
            throw new SchemaRegistryException(status / 100 == 5 ? SchemaRegistryException.Kind.UNAVAILABLE
                    : SchemaRegistryException.Kind.INVALID_RESPONSE, "the schema registry at " + base + " answered HTTP " + status
                    + errorMessage(response.body()) + " for " + what);
        }
        try {
            JsonNode body = MAPPER.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID_RESPONSE, "the schema registry's answer for "
                        + what + " is not a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID_RESPONSE, "the schema registry's answer for "
                    + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** The registry's error as {@code ": <error_code> <message>"}, bounded and made printable; empty when it sent none. */
    private static String errorMessage(byte[] body) {
        try {
            JsonNode error = MAPPER.readTree(body);
            if (error == null || !error.isObject() || !error.path("message").isTextual()) {
                return "";
            }
            String message = error.get("message").asText();
            if (message.length() > MESSAGE_LIMIT) {
                message = message.substring(0, MESSAGE_LIMIT) + "...";
            }
            return ": " + error.path("error_code").asText("") + " " + ControlCharacters.escape(message);
        } catch (IOException e) {
            return "";
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID_RESPONSE, "the schema registry's answer has"
                        + " no '" + field + "'");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID_RESPONSE, "the schema registry's '" + field
                    + "' is not a string");
        }
        return node.asText();
    }

    private static SSLContext trusting(Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(trustStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password.isEmpty() ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(Settings.SCHEMA_REGISTRY_TRUSTSTORE.key() + ": cannot read " + trustStore + ": "
                    + e.getMessage(), e);
        }
    }
}
