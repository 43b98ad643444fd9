package dev.petri.pool.service;

import dev.petri.common.EngineRegistry;
import dev.petri.engine.EngineHost;
import dev.petri.events.EnvironmentDropped;
import dev.petri.events.EnvironmentExpired;
import dev.petri.events.EnvironmentExtendRequested;
import dev.petri.events.EnvironmentExtended;
import dev.petri.events.EnvironmentFailed;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EnvironmentReleased;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.EventJson;
import dev.petri.events.PetriEvent;
import dev.petri.pool.Member;
import dev.petri.pool.MemberStatus;
import dev.petri.pool.PoolImage;
import dev.petri.pool.config.PoolConfig;
import dev.petri.pool.messaging.PoolEvents;
import dev.petri.pool.repository.MemberRepository;
import dev.petri.pool.repository.MemberRepository.EnvironmentRequest;
import dev.petri.pool.repository.PoolImageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves environment requests from the warm pool (a cold build when it is empty), and releases,
 * extends and expires environments. Every request is answered exactly once: a redelivered request
 * gets the first answer again, never a second environment.
 */
@ApplicationScoped
public class EnvironmentService {

    /** Statuses of a member whose environment was already released. */
    private static final Set<MemberStatus> RELEASED = EnumSet.of(MemberStatus.DROP_PENDING, MemberStatus.RELEASING,
            MemberStatus.DROPPED);

    @Inject
    MemberRepository members;
    @Inject
    PoolImageRepository images;
    @Inject
    MemberBuilder builder;
    @Inject
    PoolService pools;
    @Inject
    PoolEvents events;
    @Inject
    EngineRegistry engines;
    @Inject
    PoolConfig config;
    @Inject
    PendingDrops drops;

    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();

    /**
     * Claims (or builds) an environment for a request and announces it. A request seen before is
     * answered with its first outcome, or with the member already claimed for it, never a second one.
     */
    public void request(EnvironmentRequested request) {
        Object lock = inFlight.computeIfAbsent(request.environmentId(), id -> new Object());
        synchronized (lock) {
            try {
                serve(request);
            } finally {
                inFlight.remove(request.environmentId());
            }
        }
    }

    private void serve(EnvironmentRequested request) {
        Optional<Member> claimed = Optional.empty();
        if (!members.insertRequest(request.environmentId(), request.imageName())) {
            EnvironmentRequest seen = members.request(request.environmentId()).orElseThrow();
            if (seen.outcomeJson() != null) {
                answerAgain(seen);
                return;
            }
            claimed = members.byEnvironment(request.environmentId()).filter(m -> m.status() == MemberStatus.CLAIMED);
            if (claimed.isEmpty() && seen.releasedBy() != null) {
                releasedBeforeServed(request, seen.releasedBy());
                return;
            }
        }
        if (claimed.isEmpty()) {
            claimed = claim(request);
        }
        if (claimed.isEmpty()) {
            return;
        }
        Member member = claimed.get();
        // a release that came while the member was claimed or built: the claim is visible to releases
        // from now on, so either this sees the release or the release sees the claim
        Optional<String> releasedBy = members.releasedBy(request.environmentId());
        if (releasedBy.isPresent()) {
            releaseAtOnce(request, member, releasedBy.get());
            return;
        }
        EngineHost host = engines.engine(member.host()).host();
        EnvironmentReady ready = new EnvironmentReady(PetriEvent.newId(), Instant.now(), request.correlationId(),
                request.environmentId(), member.image(), member.version(), engines.engine(member.host()).kind(),
                host.publicHost(), host.publicPort(), member.database(), member.login(),
                builder.sealedPassword(member), member.expiresAt(), member.cold());
        members.finishRequest(request.environmentId(), "READY", member.id(), EventJson.write(ready));
        events.ready(ready);
        pools.claimed(request.imageName());
    }

    /** A warm member, else a cold build; empty when the request failed (already announced). */
    private Optional<Member> claim(EnvironmentRequested request) {
        Instant expiresAt = Instant.now().plus(boundedTtl(request.ttl()));
        Optional<Member> claimed = members.claimReady(request.imageName(), request.environmentId(), request.owner(),
                request.label(), expiresAt);
        if (claimed.isPresent()) {
            builder.announce(claimed.get(), MemberStatus.READY, MemberStatus.CLAIMED);
            return claimed;
        }
        Optional<PoolImage> current = images.current(request.imageName());
        if (current.isEmpty()) {
            fail(request, "no-ready-version", "image '" + request.imageName() + "' has no ready version");
            return Optional.empty();
        }
        Optional<Member> reserved = pools.reserveCold(current.get());
        if (reserved.isEmpty()) {
            fail(request, "capacity", "every database host is full; try again later");
            return Optional.empty();
        }
        try {
            builder.build(current.get(), reserved.get(), true);
        } catch (RuntimeException e) {
            fail(request, "provisioning", "the environment could not be built");
            pools.refillLater(request.imageName());
            return Optional.empty();
        }
        claimed = members.claimBuilt(reserved.get().id(), request.environmentId(), request.owner(), request.label(),
                expiresAt);
        claimed.ifPresent(m -> builder.announce(m, MemberStatus.PROVISIONING, MemberStatus.CLAIMED));
        if (claimed.isEmpty()) {
            fail(request, "provisioning", "the environment was given up while it was built");
        }
        return claimed;
    }

    private void answerAgain(EnvironmentRequest seen) {
        switch (seen.status()) {
            case "FAILED" -> events.failed(EventJson.read(seen.outcomeJson(), EnvironmentFailed.class));
            case "RELEASED" -> events.dropped(EventJson.read(seen.outcomeJson(), EnvironmentDropped.class));
            default -> events.ready(EventJson.read(seen.outcomeJson(), EnvironmentReady.class));
        }
    }

    /** The environment was released before its request was served: nothing is claimed, the drop is announced. */
    private void releasedBeforeServed(EnvironmentRequested request, String releasedBy) {
        EnvironmentDropped dropped = dropped(request.correlationId(), request.environmentId(), request.imageName(),
                releasedBy);
        members.finishRequest(request.environmentId(), "RELEASED", null, EventJson.write(dropped));
        events.dropped(dropped);
    }

    /**
     * The environment was released while its member was claimed or built: the member is released at once,
     * as a release of a claimed environment is, and the request is answered with the drop.
     */
    private void releaseAtOnce(EnvironmentRequested request, Member member, String releasedBy) {
        boolean released = builder.release(member);
        EnvironmentDropped dropped = dropped(request.correlationId(), request.environmentId(), member.image(),
                releasedBy);
        members.finishRequest(request.environmentId(), "RELEASED", member.id(), EventJson.write(dropped));
        events.dropped(dropped);
        if (released) {
            drops.dropWhenQuiet();
        }
        pools.refillLater(member.image());
    }

    /** The announcement that a released environment is gone for its user. */
    private static EnvironmentDropped dropped(String correlationId, String environmentId, String image,
                                              String releasedBy) {
        return new EnvironmentDropped(PetriEvent.newId(), Instant.now(), correlationId, environmentId, image,
                "released by " + releasedBy);
    }

    private void fail(EnvironmentRequested request, String type, String reason) {
        EnvironmentFailed failed = new EnvironmentFailed(PetriEvent.newId(), Instant.now(), request.correlationId(),
                request.environmentId(), request.imageName(), type, reason);
        members.finishRequest(request.environmentId(), "FAILED", null, EventJson.write(failed));
        events.failed(failed);
        // released while it was served: the release found no member, so the drop is announced here
        members.releasedBy(request.environmentId()).ifPresent(by -> events.dropped(dropped(request.correlationId(),
                request.environmentId(), request.imageName(), by)));
    }

    private Duration boundedTtl(Duration requested) {
        Duration ttl = requested == null || requested.isNegative() || requested.isZero() ? config.defaultTtl() : requested;
        Duration max = Duration.ofHours(config.ttlMaxHours());
        return ttl.compareTo(max) > 0 ? max : ttl;
    }

    /**
     * Releases an environment: its login is disabled and its sessions ended at once, and its database
     * is dropped once claims pause ({@link PendingDrops}). For its user the environment is gone, so
     * the drop is announced now. A redelivered release announces it again and changes nothing. The
     * release is recorded first: an environment whose request is not served yet (queued, or its member
     * still being built) is released as soon as it is, and one whose request failed is announced dropped.
     */
    public void release(EnvironmentReleased event) {
        EnvironmentRequest request = members.recordRelease(event.environmentId(), event.releasedBy());
        Optional<Member> claimed = members.byEnvironment(event.environmentId());
        if (claimed.isEmpty()) {
            if ("FAILED".equals(request.status())) {
                events.dropped(dropped(event.correlationId(), event.environmentId(), request.image(),
                        event.releasedBy()));
            } else if ("RELEASED".equals(request.status()) && request.outcomeJson() != null) {
                events.dropped(EventJson.read(request.outcomeJson(), EnvironmentDropped.class));
            }
            return;
        }
        Member member = claimed.get();
        boolean released = builder.release(member);
        if (released || RELEASED.contains(member.status())) {
            events.dropped(dropped(event.correlationId(), event.environmentId(), member.image(), event.releasedBy()));
        }
        if (released) {
            drops.dropWhenQuiet();
            pools.refillLater(member.image());
        }
    }

    /** Gives an environment more time, bounded by the configured maximum from now. */
    public void extend(EnvironmentExtendRequested event) {
        members.byEnvironment(event.environmentId()).filter(m -> m.status() == MemberStatus.CLAIMED).ifPresent(member -> {
            Instant base = member.expiresAt() == null ? Instant.now() : member.expiresAt();
            Instant wanted = base.plus(event.extension());
            Instant limit = Instant.now().plus(Duration.ofHours(config.ttlMaxHours()));
            Instant expiresAt = wanted.isAfter(limit) ? limit : wanted;
            members.extend(event.environmentId(), expiresAt);
            events.extended(new EnvironmentExtended(PetriEvent.newId(), Instant.now(), event.correlationId(),
                    event.environmentId(), expiresAt));
        });
    }

    /**
     * Takes every environment whose time is up out of service (its login disabled, its sessions ended,
     * its database dropped once claims pause) and announces it.
     */
    public void expireDue() {
        for (Member member : members.expired(Instant.now())) {
            if (builder.release(member)) {
                drops.dropWhenQuiet();
                events.expired(new EnvironmentExpired(PetriEvent.newId(), Instant.now(), member.environmentId(),
                        member.environmentId(), member.image(), member.expiresAt()));
                pools.refillLater(member.image());
            }
        }
    }
}
