package io.meshwarden.kafka.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * A stand-in for a Confluent-compatible schema registry, in-process, for tests and demos where no registry runs
 * (Confluent's is not served by the package registries reachable here): its REST API as Confluent documents it,
 * {@code GET /schemas/ids/{id}}, {@code GET /subjects/{subject}/versions/{latest|N}}, answering 404 with Confluent's
 * error codes (40403 schema, 40401 subject, 40402 version), and registration, {@code POST /subjects/{subject}/versions}
 * with {@code {"schema": ..., "schemaType": ...}}: a schema the subject already has answers its id again, a schema
 * already registered under another subject keeps its global id, an Avro schema that does not parse is 422 (42201),
 * and one that cannot read the subject's latest version is 409 (the registry's default compatibility, BACKWARD;
 * JSON and Protobuf schemas are stored unchecked). Schemas can also be registered in code, unchecked, as a new
 * version each time. Optionally requires one {@code Authorization} header value (401 otherwise). Counts the requests
 * it answers, so that tests can check a client's cache.
 */
public final class LocalSchemaRegistry implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, Registered> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Registered>> bySubject = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger registrations = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Optional<String> requiredAuthorization;

    private record Registered(int id, String subject, int version, String type, String schema) {
    }

    private LocalSchemaRegistry(Optional<String> requiredAuthorization) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LocalSchemaRegistry start() {
        return start(Optional.empty());
    }

    /** A registry that answers only requests carrying this {@code Authorization} header value. */
    public static LocalSchemaRegistry start(Optional<String> requiredAuthorization) {
        try {
            return new LocalSchemaRegistry(requiredAuthorization);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not start the local schema registry", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Registers {@code schema} under {@code subject} as its next version and returns its id.
     *
     * @param type AVRO, JSON or PROTOBUF
     */
    public int register(String subject, String type, String schema) {
        return add(subject, type, schema, nextId.getAndIncrement());
    }

    /** Registration requests answered (POST), whatever their outcome. */
    public int registrations() {
        return registrations.get();
    }

    /** The versions registered under {@code subject} so far (0 when it has none). */
    public int versions(String subject) {
        return bySubject.getOrDefault(subject, List.of()).size();
    }

    private synchronized int add(String subject, String type, String schema, int id) {
        List<Registered> versions = bySubject.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>());
        Registered registered = new Registered(id, subject, versions.size() + 1, type, schema);
        versions.add(registered);
        byId.putIfAbsent(registered.id(), registered);
        return registered.id();
    }

    /** {@code POST /subjects/{subject}/versions}, as Confluent's registry answers it. */
    private synchronized void registerRequest(HttpExchange exchange, String subject) throws IOException {
        registrations.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode request;
        try {
            request = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            respond(exchange, 400, error(400, "Unrecognized request body: " + e.getOriginalMessage()));
            return;
        }
        if (request == null || !request.isObject() || !request.path("schema").isTextual()) {
            respond(exchange, 422, error(42201, "Either the input schema or one of its references is invalid: no schema"));
            return;
        }
        String type = request.path("schemaType").asText("AVRO").toUpperCase(java.util.Locale.ROOT);
        if (!List.of("AVRO", "JSON", "PROTOBUF").contains(type)) {
            respond(exchange, 422, error(42201, "Invalid schema type " + type));
            return;
        }
        String text = request.get("schema").asText();
        String canonical = text;
        Schema avro = null;
        if (type.equals("AVRO")) {
            try {
                avro = new Schema.Parser().parse(text);
                canonical = avro.toString();
            } catch (SchemaParseException e) {
                respond(exchange, 422, error(42201, "Invalid schema: " + e.getMessage()));
                return;
            }
        }
        List<Registered> versions = bySubject.getOrDefault(subject, List.of());
        for (Registered version : versions) {
            if (version.type().equals(type) && canonical(version).equals(canonical)) {
                respond(exchange, 200, MAPPER.createObjectNode().put("id", version.id()));
                return;
            }
        }
        if (avro != null && !versions.isEmpty() && versions.get(versions.size() - 1).type().equals("AVRO")) {
            Schema latest = new Schema.Parser().parse(versions.get(versions.size() - 1).schema());
            if (SchemaCompatibility.checkReaderWriterCompatibility(avro, latest).getType()
                    != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                respond(exchange, 409, error(409, "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\"; compatibility BACKWARD"));
                return;
            }
        }
        String registeredType = type;
        String registeredCanonical = canonical;
        int id = byId.values().stream().filter(r -> r.type().equals(registeredType) && canonical(r).equals(registeredCanonical))
                .mapToInt(Registered::id).min().orElseGet(nextId::getAndIncrement);
        respond(exchange, 200, MAPPER.createObjectNode().put("id", add(subject, type, text, id)));
    }

    /** Avro schemas compare parsed (whitespace and attribute order aside), others as text. */
    private static String canonical(Registered registered) {
        if (!registered.type().equals("AVRO")) {
            return registered.schema();
        }
        try {
            return new Schema.Parser().parse(registered.schema()).toString();
        } catch (SchemaParseException e) {
            return registered.schema();
        }
    }

    /** Requests answered so far (any status). */
    public int requests() {
        return requests.get();
    }

    /** The {@code Authorization} headers of the requests so far, in order (absent ones as ""). */
    public List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
            authorizations.add(authorization);
            if (requiredAuthorization.isPresent() && !requiredAuthorization.get().equals(authorization)) {
                respond(exchange, 401, error(40101, "Unauthorized"));
                return;
            }
            String[] path = exchange.getRequestURI().getRawPath().replaceAll("^/+|/+$", "").split("/");
            if ("POST".equals(exchange.getRequestMethod()) && path.length == 3 && path[0].equals("subjects")
                    && path[2].equals("versions")) {
                registerRequest(exchange, URLDecoder.decode(path[1], StandardCharsets.UTF_8));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error(405, "HTTP 405 Method Not Allowed"));
                return;
            }
            if (path.length == 3 && path[0].equals("schemas") && path[1].equals("ids")) {
                Registered registered = parseInt(path[2]).map(byId::get).orElse(null);
                respond(exchange, registered == null ? 404 : 200, registered == null ? error(40403, "Schema not found")
                        : body(registered, false));
            } else if (path.length == 4 && path[0].equals("subjects") && path[2].equals("versions")) {
                List<Registered> versions = bySubject.get(URLDecoder.decode(path[1], StandardCharsets.UTF_8));
                if (versions == null) {
                    respond(exchange, 404, error(40401, "Subject not found"));
                    return;
                }
                Optional<Registered> version = path[3].equals("latest") ? Optional.of(versions.get(versions.size() - 1))
                        : parseInt(path[3]).filter(n -> n >= 1 && n <= versions.size()).map(n -> versions.get(n - 1));
                respond(exchange, version.isEmpty() ? 404 : 200, version.isEmpty() ? error(40402, "Version not found")
                        : body(version.get(), true));
            } else {
                respond(exchange, 404, error(404, "HTTP 404 Not Found"));
            }
        }
    }

    private static ObjectNode body(Registered registered, boolean withSubject) {
        ObjectNode body = MAPPER.createObjectNode();
        if (withSubject) {
            body.put("subject", registered.subject()).put("version", registered.version()).put("id", registered.id());
        }
        // As Confluent's registry: no schemaType for Avro, its default.
        if (!registered.type().equals("AVRO")) {
            body.put("schemaType", registered.type());
        }
        return body.put("schema", registered.schema());
    }

    private static ObjectNode error(int code, String message) {
        return MAPPER.createObjectNode().put("error_code", code).put("message", message);
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
