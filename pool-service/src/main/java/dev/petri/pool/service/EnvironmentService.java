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
import dev.petri.pool.PoolImage;
import dev.petri.pool.config.PoolConfig;
import dev.petri.pool.messaging.PoolEvents;
import dev.petri.pool.repository.MemberRepository;
import dev.petri.pool.repository.PoolImageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Serves environment requests from the warm pool (a cold build when it is empty), and releases,
 * extends and expires environments. Every request is answered exactly once: a redelivered request
 * gets the first answer again, never a second environment.
 */
@ApplicationScoped
public class EnvironmentService {

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

    private final java.util.Map<String, Object> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

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
        Optional<String> outcome = members.requestOutcome(request.environmentId());
        if (outcome.isPresent()) {
            answerAgain(outcome.get());
            return;
        }
        members.insertRequest(request.environmentId(), request.imageName());
        Optional<Member> claimed = members.byEnvironment(request.environmentId())
                .filter(m -> m.status() == dev.petri.pool.MemberStatus.CLAIMED);
        if (claimed.isEmpty()) {
            claimed = claim(request);
        }
        if (claimed.isEmpty()) {
            return;
        }
        Member member = claimed.get();
        EngineHost host = engines.engine(member.host()).host();
        EnvironmentReady ready = new EnvironmentReady(PetriEvent.newId(), Instant.now(), request.correlationId(),
                request.environmentId(), member.image(), member.version(), engines.engine(member.host()).kind(),
                host.publicHost(), host.publicPort(), member.database(), member.login(),
                builder.sealedPassword(member), member.expiresAt(), member.cold());
        members.finishRequest(request.environmentId(), "READY", member.id(), EventJson.write(ready));
        events.ready(ready);
        CompletableFuture.runAsync(() -> pools.refill(request.imageName()));
    }

    /** A warm member, else a cold build; empty when the request failed (already announced). */
    private Optional<Member> claim(EnvironmentRequested request) {
        Instant expiresAt = Instant.now().plus(boundedTtl(request.ttl()));
        Optional<Member> claimed = members.claimReady(request.imageName(), request.environmentId(), request.owner(),
                request.label(), expiresAt);
        if (claimed.isPresent()) {
            return claimed;
        }
        Optional<PoolImage> current = images.current(request.imageName());
        if (current.isEmpty()) {
            fail(request, "no-ready-version", "image '" + request.imageName() + "' has no ready version");
            return Optional.empty();
        }
        if (pools.roomOn(current.get().host()) <= 0) {
            fail(request, "capacity", "every database host is full; try again later");
            return Optional.empty();
        }
        try {
            String memberId = builder.build(current.get(), true);
            return members.claimBuilt(memberId, request.environmentId(), request.owner(), request.label(), expiresAt);
        } catch (RuntimeException e) {
            fail(request, "provisioning", "the environment could not be built");
            return Optional.empty();
        }
    }

    private void answerAgain(String json) {
        if (json.contains("\"errorType\"")) {
            events.failed(EventJson.read(json, EnvironmentFailed.class));
        } else {
            events.ready(EventJson.read(json, EnvironmentReady.class));
        }
    }

    private void fail(EnvironmentRequested request, String type, String reason) {
        EnvironmentFailed failed = new EnvironmentFailed(PetriEvent.newId(), Instant.now(), request.correlationId(),
                request.environmentId(), request.imageName(), type, reason);
        members.finishRequest(request.environmentId(), "FAILED", null, EventJson.write(failed));
        events.failed(failed);
    }

    private Duration boundedTtl(Duration requested) {
        Duration ttl = requested == null || requested.isNegative() || requested.isZero() ? config.defaultTtl() : requested;
        Duration max = Duration.ofHours(config.ttlMaxHours());
        return ttl.compareTo(max) > 0 ? max : ttl;
    }

    /** Drops a released environment: database gone, login revoked. */
    public void release(EnvironmentReleased event) {
        members.byEnvironment(event.environmentId()).ifPresent(member -> {
            builder.drop(member);
            events.dropped(new EnvironmentDropped(PetriEvent.newId(), Instant.now(), event.correlationId(),
                    event.environmentId(), member.image(), "released by " + event.releasedBy()));
            CompletableFuture.runAsync(() -> pools.refill(member.image()));
        });
    }

    /** Gives an environment more time, bounded by the configured maximum from now. */
    public void extend(EnvironmentExtendRequested event) {
        members.byEnvironment(event.environmentId()).ifPresent(member -> {
            Instant base = member.expiresAt() == null ? Instant.now() : member.expiresAt();
            Instant wanted = base.plus(event.extension());
            Instant limit = Instant.now().plus(Duration.ofHours(config.ttlMaxHours()));
            Instant expiresAt = wanted.isAfter(limit) ? limit : wanted;
            members.extend(event.environmentId(), expiresAt);
            events.extended(new EnvironmentExtended(PetriEvent.newId(), Instant.now(), event.correlationId(),
                    event.environmentId(), expiresAt));
        });
    }

    /** Drops every environment whose time is up. */
    public void expireDue() {
        for (Member member : members.expired(Instant.now())) {
            builder.drop(member);
            events.expired(new EnvironmentExpired(PetriEvent.newId(), Instant.now(), member.environmentId(),
                    member.environmentId(), member.image(), member.expiresAt()));
            pools.refill(member.image());
        }
    }
}
