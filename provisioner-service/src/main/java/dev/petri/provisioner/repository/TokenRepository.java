package dev.petri.provisioner.repository;

import dev.petri.common.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of API tokens; only their hashes are stored. */
@ApplicationScoped
public class TokenRepository {

    private final Jdbc jdbc;

    @Inject
    public TokenRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void insert(String id, String name, String role, String tokenHash, String createdBy) {
        jdbc.update("INSERT INTO tokens (id, name, role, token_hash, created_by) VALUES (?, ?, ?, ?, ?)", id, name, role,
                tokenHash, createdBy);
    }

    /** The name and role of a live token, by its hash. */
    public Optional<String[]> findActive(String tokenHash) {
        return jdbc.queryOne("SELECT name, role FROM tokens WHERE token_hash = ? AND revoked_at IS NULL",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, tokenHash);
    }

    public List<Map<String, Object>> list() {
        return jdbc.query("SELECT id, name, role, created_by, created_at, revoked_at FROM tokens ORDER BY created_at",
                rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString(1));
                    m.put("name", rs.getString(2));
                    m.put("role", rs.getString(3));
                    m.put("createdBy", rs.getString(4));
                    m.put("createdAt", Jdbc.instant(rs, "created_at"));
                    m.put("revokedAt", Jdbc.instant(rs, "revoked_at"));
                    return m;
                });
    }

    public boolean revoke(String id) {
        return jdbc.update("UPDATE tokens SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id) == 1;
    }

    public boolean nameTaken(String name) {
        return jdbc.queryOne("SELECT 1 FROM tokens WHERE name = ? AND revoked_at IS NULL", rs -> true, name).isPresent();
    }
}
