package dev.petri.provisioner.service;

import dev.petri.common.Credentials;
import dev.petri.common.PetriException;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.config.ApiConfig;
import dev.petri.provisioner.repository.TokenRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Authenticates bearer tokens and lets admins create and revoke user and CI tokens (stored hashed). */
@ApplicationScoped
public class TokenService {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}");

    @Inject
    TokenRepository tokens;
    @Inject
    ApiConfig config;

    /** The caller a token belongs to, if it is valid. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                config.adminToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Caller("admin", "admin"));
        }
        return tokens.findActive(hash(token)).map(row -> new Caller(row[0], row[1]));
    }

    /** Creates a token; its plain value is returned once and never stored. */
    public Map<String, Object> create(Caller caller, String name, String role) {
        requireAdmin(caller);
        new Validation()
                .check(name != null && NAME.matcher(name).matches(), "name",
                        "1-64 letters, digits and ._@- characters")
                .check("user".equals(role) || "ci".equals(role), "role", "must be user or ci")
                .throwIfInvalid();
        if (tokens.nameTaken(name) || "admin".equals(name)) {
            throw PetriException.conflict("a token named '" + name + "' exists");
        }
        String id = UUID.randomUUID().toString();
        String token = Credentials.randomToken("petri_" + role + "_");
        tokens.insert(id, name, role, hash(token), caller.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("role", role);
        out.put("token", token);
        return out;
    }

    public List<Map<String, Object>> list(Caller caller) {
        requireAdmin(caller);
        return tokens.list();
    }

    public void revoke(Caller caller, String id) {
        requireAdmin(caller);
        if (!tokens.revoke(id)) {
            throw PetriException.notFound("no active token with id " + id);
        }
    }

    /** Fails with 403 unless the caller is an admin. */
    public static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new PetriException(403, "forbidden", "Forbidden", "this needs an admin token");
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
