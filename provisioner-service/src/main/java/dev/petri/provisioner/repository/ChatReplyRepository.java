package dev.petri.provisioner.repository;

import dev.petri.common.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/** The SQL of chat replies still owed: where to post an environment once it is ready or failed. */
@ApplicationScoped
public class ChatReplyRepository {

    /** A reply owed for an environment that has left REQUESTED. */
    public record Due(String environmentId, String owner, String responseUrl) {
    }

    private final Jdbc jdbc;

    @Inject
    public ChatReplyRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Records that an environment's outcome is to be posted to a URL (once). */
    public void insert(String environmentId, String responseUrl) {
        jdbc.update("INSERT INTO chat_replies (environment_id, response_url) VALUES (?, ?) ON CONFLICT DO NOTHING",
                environmentId, responseUrl);
    }

    /** Replies whose environment is no longer being requested, younger than a maximum age, oldest first. */
    public List<Due> due(Duration maxAge, int maxAttempts) {
        return jdbc.query("SELECT c.environment_id, e.owner, c.response_url FROM chat_replies c"
                + " JOIN environments e ON e.id = c.environment_id WHERE c.delivered_at IS NULL AND c.attempts < ?"
                + " AND e.status <> 'REQUESTED' AND c.created_at > now() - make_interval(secs => ?)"
                + " ORDER BY c.created_at LIMIT 50",
                rs -> new Due(rs.getString(1), rs.getString(2), rs.getString(3)), maxAttempts, maxAge.toSeconds());
    }

    /** Takes a reply for delivery; false when another instance already took it. */
    public boolean claim(String environmentId) {
        return jdbc.update("UPDATE chat_replies SET delivered_at = now(), attempts = attempts + 1"
                + " WHERE environment_id = ? AND delivered_at IS NULL", environmentId) == 1;
    }

    /** Gives a reply back after a failed delivery, to be tried again. */
    public void release(String environmentId) {
        jdbc.update("UPDATE chat_replies SET delivered_at = NULL WHERE environment_id = ?", environmentId);
    }
}
