package dev.petri.pool.repository;

import dev.petri.common.Jdbc;
import dev.petri.engine.DbNames;
import dev.petri.pool.Member;
import dev.petri.pool.MemberStatus;
import dev.petri.pool.PoolImage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntUnaryOperator;
import javax.sql.DataSource;

/** The SQL of pool members and environment requests. */
@ApplicationScoped
public class MemberRepository {

    private static final String COLUMNS = "SELECT id, image, version, host, database, login, password_sealed, status,"
            + " environment_id, expires_at, clone_method, cold FROM members";
    private static final String INSERT_RESERVED = "INSERT INTO members (id, image, version, host, database, login,"
            + " password_sealed, status, migrations_hash, cold, built_by)"
            + " VALUES (?::uuid, ?, ?, ?, ?, ?, '', 'PROVISIONING', ?, ?, ?::uuid)";

    private final Jdbc jdbc;

    private final DataSource dataSource;
    /** The instance of the service this repository builds for: members it reserves are recorded as built by it. */
    private final UUID instance;

    @Inject
    public MemberRepository(AgroalDataSource dataSource, PoolInstanceRepository instances) {
        this(dataSource, instances.id());
    }

    /** A repository over any data source, for an instance of the service (another instance's, in tests). */
    public MemberRepository(DataSource dataSource, UUID instance) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
        this.instance = instance;
    }

    /** A repository over any data source, as an instance of its own (another instance's, in tests). */
    public MemberRepository(DataSource dataSource) {
        this(dataSource, UUID.randomUUID());
    }

    /**
     * Reserves members to build, as PROVISIONING rows, each on the host with the most room, under a
     * lock per image that every instance of the service shares, so that two instances refilling at
     * once never build more than the target nor overfill a host.
     *
     * @param image      the image version to build from
     * @param hash       the migrations the members get
     * @param wanted     how many members the caller wants: given the warm count, how many to add
     * @param capacities most databases per eligible host
     * @param cold       the members are built for waiting requests, not for the warm pool
     * @return the reserved members; fewer than wanted (or none) when the hosts are full
     */
    public List<Member> reserve(PoolImage image, String hash, IntUnaryOperator wanted, Map<String, Integer> capacities,
                                boolean cold) {
        return inTransaction("reserving members", c -> reserveLocked(c, image, hash, wanted, capacities, cold));
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    private interface TransactionWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(String what, TransactionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    private List<Member> reserveLocked(Connection c, PoolImage image, String hash, IntUnaryOperator wanted,
                                              Map<String, Integer> capacities, boolean cold) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "petri-pool:" + image.image());
            lock.execute();
        }
        int warm;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM members WHERE image = ? AND version = ?"
                + " AND status IN ('READY','PROVISIONING') AND environment_id IS NULL AND NOT cold"
                + " AND coalesce(migrations_hash, '') = coalesce(?, '')")) {
            ps.setString(1, image.image());
            ps.setInt(2, image.version());
            ps.setString(3, hash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                warm = rs.getInt(1);
            }
        }
        int count = wanted.applyAsInt(warm);
        List<Member> reserved = new ArrayList<>();
        if (count <= 0) {
            return reserved;
        }
        Map<String, Integer> room = new TreeMap<>(capacities);
        try (PreparedStatement ps = c.prepareStatement("SELECT host, count(*) FROM members WHERE status IN"
                + " ('PROVISIONING','READY','CLAIMED','DROP_PENDING','RELEASING') GROUP BY host");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String host = rs.getString(1);
                int live = rs.getInt(2);
                room.computeIfPresent(host, (h, r) -> r - live);
            }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_RESERVED)) {
            for (int i = 0; i < count; i++) {
                Map.Entry<String, Integer> most = room.entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue()).orElse(null);
                if (most == null || most.getValue() <= 0) {
                    break;
                }
                room.put(most.getKey(), most.getValue() - 1);
                String id = newId();
                Member m = new Member(id, image.image(), image.version(), most.getKey(), DbNames.member(id),
                        DbNames.login(id), "", MemberStatus.PROVISIONING, null, null, null, cold);
                bindReserved(insert, m, hash);
                insert.addBatch();
                reserved.add(m);
            }
            insert.executeBatch();
        }
        return reserved;
    }

    /** A cold reservation made in the room of a released member's database, which the caller drops first. */
    public record Swap(Member reserved, Member freed) {
    }

    /**
     * Reserves a member for a waiting request on a host that is full only because of released
     * databases waiting for their drop: the oldest such member (on a host of {@code capacities}) moves
     * to RELEASING and the new member is reserved on its host, in one transaction, so no other
     * reservation can take the same room. Empty when no released database waits on those hosts.
     */
    public Optional<Swap> reserveInPlaceOfPendingDrop(PoolImage image, String hash, Map<String, Integer> capacities) {
        if (capacities.isEmpty()) {
            return Optional.empty();
        }
        return inTransaction("reserving a member in place of a released one",
                c -> swapLocked(c, image, hash, capacities.keySet().toArray(String[]::new)));
    }

    private Optional<Swap> swapLocked(Connection c, PoolImage image, String hash, String[] hosts)
            throws SQLException {
        Member freed;
        try (PreparedStatement ps = c.prepareStatement("UPDATE members SET status = 'RELEASING', updated_at = now()"
                + " WHERE id = (SELECT id FROM members WHERE status = 'DROP_PENDING' AND host = ANY (?)"
                + " ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, image, version, host, database, login, password_sealed, status, environment_id,"
                + " expires_at, clone_method, cold")) {
            ps.setArray(1, c.createArrayOf("text", hosts));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                freed = map(rs);
            }
        }
        String id = newId();
        Member reserved = new Member(id, image.image(), image.version(), freed.host(), DbNames.member(id),
                DbNames.login(id), "", MemberStatus.PROVISIONING, null, null, null, true);
        try (PreparedStatement insert = c.prepareStatement(INSERT_RESERVED)) {
            bindReserved(insert, reserved, hash);
            insert.executeUpdate();
        }
        return Optional.of(new Swap(reserved, freed));
    }

    /** Binds a reserved (PROVISIONING) member to {@link #INSERT_RESERVED}. */
    private void bindReserved(PreparedStatement insert, Member m, String hash) throws SQLException {
        insert.setString(1, m.id());
        insert.setString(2, m.image());
        insert.setInt(3, m.version());
        insert.setString(4, m.host());
        insert.setString(5, m.database());
        insert.setString(6, m.login());
        insert.setString(7, hash);
        insert.setBoolean(8, m.cold());
        insert.setString(9, instance.toString());
    }

    /** A reserved member's build starts: its sealed password is set and its stuck-clock restarts; false when it was given up. */
    public boolean startBuild(String id, String passwordSealed) {
        return jdbc.update("UPDATE members SET password_sealed = ?, updated_at = now() WHERE id = ?::uuid"
                + " AND status = 'PROVISIONING'", passwordSealed, id) == 1;
    }

    /** Moves a member between statuses; false when it was not in the expected status. */
    public boolean transition(String id, MemberStatus from, MemberStatus to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a member cannot move from " + from + " to " + to);
        }
        return jdbc.update("UPDATE members SET status = ?, updated_at = now() WHERE id = ?::uuid AND status = ?",
                to.name(), id, from.name()) == 1;
    }

    public void recordClone(String id, String method, long millis) {
        jdbc.update("UPDATE members SET clone_method = ?, clone_ms = ? WHERE id = ?::uuid", method, millis, id);
    }

    public void recordError(String id, String error) {
        jdbc.update("UPDATE members SET error = ? WHERE id = ?::uuid", error, id);
    }

    /**
     * Claims one READY member of an image's newest active version for an environment, atomically:
     * with {@code SKIP LOCKED}, two claims (from any number of instances) never get the same member.
     */
    public Optional<Member> claimReady(String image, String environmentId, String owner, String label, Instant expiresAt) {
        return jdbc.queryOne("UPDATE members SET status = 'CLAIMED', environment_id = ?, owner = ?, label = ?,"
                + " claimed_at = now(), expires_at = ?, updated_at = now() WHERE id = ("
                + " SELECT m.id FROM members m JOIN pool_images p ON p.image = m.image AND p.version = m.version"
                + " WHERE m.image = ? AND m.status = 'READY' AND p.status = 'ACTIVE'"
                + " ORDER BY m.version DESC, m.created_at LIMIT 1 FOR UPDATE OF m SKIP LOCKED)"
                + " RETURNING id, image, version, host, database, login, password_sealed, status, environment_id,"
                + " expires_at, clone_method, cold", MemberRepository::map,
                environmentId, owner, label, expiresAt, image);
    }

    /** Claims a member that was just built for one request. */
    public Optional<Member> claimBuilt(String memberId, String environmentId, String owner, String label,
                                       Instant expiresAt) {
        return jdbc.queryOne("UPDATE members SET status = 'CLAIMED', cold = true, environment_id = ?, owner = ?,"
                + " label = ?, claimed_at = now(), expires_at = ?, updated_at = now()"
                + " WHERE id = ?::uuid AND status = 'PROVISIONING'"
                + " RETURNING id, image, version, host, database, login, password_sealed, status, environment_id,"
                + " expires_at, clone_method, cold", MemberRepository::map,
                environmentId, owner, label, expiresAt, memberId);
    }

    public Optional<Member> byEnvironment(String environmentId) {
        return jdbc.queryOne(COLUMNS + " WHERE environment_id = ?", MemberRepository::map, environmentId);
    }

    public Optional<Member> byId(String id) {
        return jdbc.queryOne(COLUMNS + " WHERE id = ?::uuid", MemberRepository::map, id);
    }

    public List<Member> withStatus(MemberStatus status) {
        return jdbc.query(COLUMNS + " WHERE status = ?", MemberRepository::map, status.name());
    }

    /** Members stuck in PROVISIONING since before a moment. */
    /**
     * Members half-built: still PROVISIONING since before a time (a build that hangs), or built by an instance of the
     * service that has stopped ({@link PoolInstanceRepository#stopped}); never one a live instance is building.
     */
    public List<Member> stuckProvisioning(Instant before) {
        return jdbc.query(COLUMNS + " WHERE status = 'PROVISIONING' AND (updated_at < ? OR "
                + PoolInstanceRepository.stopped("built_by") + ")", MemberRepository::map, before, instance.toString(),
                PoolInstanceRepository.DEAD_AFTER_SECONDS);
    }

    /** Claimed members whose time is up. */
    public List<Member> expired(Instant now) {
        return jdbc.query(COLUMNS + " WHERE status = 'CLAIMED' AND expires_at <= ?", MemberRepository::map, now);
    }

    /** READY members of an image built from other versions or other migrations than the current ones. */
    public List<Member> staleReady(String image, int currentVersion, String migrationsHash) {
        return jdbc.query(COLUMNS + " WHERE image = ? AND status = 'READY' AND (version <> ?"
                + " OR coalesce(migrations_hash, '') <> coalesce(?, ''))", MemberRepository::map, image,
                currentVersion, migrationsHash);
    }

    /** READY members of an image version built with the current migrations. */
    public int countReadyCurrent(String image, int version, String migrationsHash) {
        return jdbc.queryOne("SELECT count(*) FROM members WHERE image = ? AND version = ? AND status = 'READY'"
                + " AND coalesce(migrations_hash, '') = coalesce(?, '')", rs -> rs.getInt(1), image, version,
                migrationsHash).orElse(0);
    }

    /** READY members of an image version, oldest first. */
    public List<Member> readyOfVersion(String image, int version) {
        return jdbc.query(COLUMNS + " WHERE image = ? AND version = ? AND status = 'READY' ORDER BY created_at",
                MemberRepository::map, image, version);
    }

    /** Members of an image version that count toward its target: READY or PROVISIONING. */
    public int countWarm(String image, int version, String migrationsHash) {
        return jdbc.queryOne("SELECT count(*) FROM members WHERE image = ? AND version = ? AND status IN"
                + " ('READY','PROVISIONING') AND environment_id IS NULL AND NOT cold"
                + " AND coalesce(migrations_hash, '') = coalesce(?, '')", rs -> rs.getInt(1), image, version,
                migrationsHash).orElse(0);
    }

    /**
     * Members waiting for their database to be dropped, oldest first, each with whether it has waited
     * since before {@code overdueBefore}.
     */
    public List<PendingDrop> dropPending(Instant overdueBefore, int limit) {
        return jdbc.query("SELECT id, image, version, host, database, login, password_sealed, status,"
                + " environment_id, expires_at, clone_method, cold, updated_at < ? FROM members"
                + " WHERE status = 'DROP_PENDING' ORDER BY updated_at LIMIT ?",
                rs -> new PendingDrop(map(rs), rs.getBoolean(13)), overdueBefore, limit);
    }

    /** A member waiting for its drop, and whether it has waited longer than allowed. */
    public record PendingDrop(Member member, boolean overdue) {
    }

    /** Live databases per host (members waiting for their drop included: their databases still use the host). */
    public Map<String, Integer> liveCountByHost() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("SELECT host, count(*) FROM members WHERE status IN ('PROVISIONING','READY','CLAIMED','DROP_PENDING','RELEASING')"
                + " GROUP BY host", rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    /** Database names Petri knows to be live on a host (a member row in a status where its database may exist). */
    public List<String> liveDatabases(String host) {
        return jdbc.query("SELECT database FROM members WHERE host = ? AND status IN"
                + " ('PROVISIONING','READY','CLAIMED','DROP_PENDING','RELEASING')", rs -> rs.getString(1), host);
    }

    /** Counts per status for an image: READY and PROVISIONING of one version, CLAIMED of all. */
    public int[] counts(String image, int version) {
        return jdbc.queryOne("SELECT count(*) FILTER (WHERE status = 'READY' AND version = ?),"
                + " count(*) FILTER (WHERE status = 'PROVISIONING' AND version = ? AND environment_id IS NULL),"
                + " count(*) FILTER (WHERE status = 'CLAIMED') FROM members WHERE image = ?",
                rs -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, version, version, image)
                .orElse(new int[3]);
    }

    public void extend(String environmentId, Instant expiresAt) {
        jdbc.update("UPDATE members SET expires_at = ?, updated_at = now() WHERE environment_id = ? AND status = 'CLAIMED'",
                expiresAt, environmentId);
    }

    /** Records a request before serving it; false when it was seen before. */
    public boolean insertRequest(String environmentId, String image) {
        return jdbc.update("INSERT INTO environment_requests (environment_id, image, status) VALUES (?, ?, 'PENDING')"
                + " ON CONFLICT DO NOTHING", environmentId, image) == 1;
    }

    /**
     * An environment request as recorded.
     *
     * @param image       the image asked for; null when only its release was seen
     * @param status      PENDING while it is served, then READY, FAILED or RELEASED
     * @param outcomeJson the event that answered it (JSON), or null while it is not answered
     * @param releasedBy  who released the environment, or null
     */
    public record EnvironmentRequest(String image, String status, String outcomeJson, String releasedBy) {
    }

    public Optional<EnvironmentRequest> request(String environmentId) {
        return jdbc.queryOne("SELECT image, status, outcome::text, released_by FROM environment_requests"
                + " WHERE environment_id = ?", MemberRepository::mapRequest, environmentId);
    }

    /**
     * Records that an environment was released, also when its request was not seen yet (a row of its own,
     * RELEASED, without an image), so that the request honours the release once it is served; the first
     * release is kept. Returns the request as recorded.
     */
    public EnvironmentRequest recordRelease(String environmentId, String releasedBy) {
        return jdbc.queryOne("INSERT INTO environment_requests (environment_id, status, released_by, released_at)"
                + " VALUES (?, 'RELEASED', ?, now()) ON CONFLICT (environment_id) DO UPDATE"
                + " SET released_by = coalesce(environment_requests.released_by, excluded.released_by),"
                + " released_at = coalesce(environment_requests.released_at, excluded.released_at)"
                + " RETURNING image, status, outcome::text, released_by", MemberRepository::mapRequest,
                environmentId, releasedBy).orElseThrow();
    }

    /** Who released an environment, if its release was recorded. */
    public Optional<String> releasedBy(String environmentId) {
        return jdbc.queryOne("SELECT released_by FROM environment_requests WHERE environment_id = ?"
                + " AND released_by IS NOT NULL", rs -> rs.getString(1), environmentId);
    }

    private static EnvironmentRequest mapRequest(ResultSet rs) throws SQLException {
        return new EnvironmentRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    public void finishRequest(String environmentId, String status, String memberId, String outcomeJson) {
        jdbc.update("UPDATE environment_requests SET status = ?, member_id = ?::uuid, outcome = ?::jsonb,"
                + " updated_at = now() WHERE environment_id = ?", status, memberId, outcomeJson, environmentId);
    }

    /** Requests recorded but never answered (the service stopped while serving them). */
    public List<String[]> pendingRequests() {
        return jdbc.query("SELECT environment_id, image FROM environment_requests WHERE status = 'PENDING'",
                rs -> new String[] {rs.getString(1), rs.getString(2)});
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Member map(ResultSet rs) throws SQLException {
        return new Member(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), MemberStatus.valueOf(rs.getString(8)), rs.getString(9),
                Jdbc.instant(rs, "expires_at"), rs.getString(11), rs.getBoolean(12));
    }
}
