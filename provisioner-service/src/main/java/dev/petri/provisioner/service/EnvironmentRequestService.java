package dev.petri.provisioner.service;

import dev.petri.common.PetriException;
import dev.petri.common.RetryableException;
import dev.petri.common.SecretBox;
import dev.petri.events.EnvironmentExtendRequested;
import dev.petri.events.EnvironmentReleased;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.EventJson;
import dev.petri.events.PetriEvent;
import dev.petri.events.SealedSecret;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.Environment;
import dev.petri.provisioner.EnvironmentStatus;
import dev.petri.provisioner.config.ApiConfig;
import dev.petri.provisioner.messaging.FrontDoorEvents;
import dev.petri.provisioner.repository.EnvironmentRepository;
import dev.petri.provisioner.repository.ImageViewRepository;
import dev.petri.provisioner.rest.Requests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Environments through the front door: a request is recorded, published, and answered when the
 * pool's reply for that request id arrives (or handed back as 202 to poll). A request is recorded
 * before it is published and republished until answered, so none is lost; the pool answers a
 * request id only once, so none yields two environments.
 */
@ApplicationScoped
public class EnvironmentRequestService {

    /** Longest wait between two looks at a request's row (an answer consumed by another instance signals no one here). */
    private static final long POLL_MS = 100;

    /** What a request ended as: the environment and whether it is ready. */
    public record Outcome(Map<String, Object> environment, boolean ready) {
    }

    @Inject
    EnvironmentRepository environments;
    @Inject
    ImageViewRepository images;
    @Inject
    FrontDoorEvents events;
    @Inject
    EnvironmentWaiters waiters;
    @Inject
    SecretBox secrets;
    @Inject
    ApiConfig config;

    /** Requests an environment and waits for it up to {@code wait}. */
    public Outcome request(Caller caller, Requests.NewEnvironment body, String wait, String idempotencyKey) {
        if (body == null) {
            throw PetriException.badRequest("send a JSON body such as {\"image\":\"demo\"}");
        }
        Validation v = new Validation();
        v.check(body.image() != null && Validation.IMAGE_NAME.matcher(body.image()).matches(), "image",
                "required: the name of an image");
        Duration ttl = v.duration("ttl", body.ttl(), config.minTtl(), Duration.ofHours(config.ttlMaxHours()));
        Duration waitFor = v.duration("wait", wait, Duration.ZERO, config.maxWait());
        v.label("label", body.label());
        v.check(idempotencyKey == null || idempotencyKey.length() <= 200, "Idempotency-Key", "at most 200 characters");
        v.throwIfInvalid();
        ttl = ttl == null ? config.defaultTtl() : ttl;
        waitFor = waitFor == null ? config.defaultWait() : waitFor;

        if (idempotencyKey != null) {
            Optional<Environment> earlier = environments.byIdempotencyKey(caller.name(), idempotencyKey);
            if (earlier.isPresent()) {
                return awaitOutcome(caller, earlier.get().id(), waitFor);
            }
        }
        requireUsableImage(body.image());
        String id = UUID.randomUUID().toString();
        if (!environments.insertRequested(id, caller.name(), body.image(), body.label(), ttl.toSeconds(),
                idempotencyKey)) {
            return awaitOutcome(caller, environments.byIdempotencyKey(caller.name(), idempotencyKey).orElseThrow().id(),
                    waitFor);
        }
        try (EnvironmentWaiters.Watch watch = waiters.watch(id)) {
            publishRequest(environments.byId(id).orElseThrow());
            return awaitOutcome(caller, id, waitFor, watch);
        }
    }

    /** Publishes (again) the request event of a recorded environment. */
    public void publishRequest(Environment env) {
        events.environmentRequested(new EnvironmentRequested(PetriEvent.newId(), Instant.now(), env.id(), env.id(),
                env.image(), Duration.ofSeconds(env.ttlSeconds()), env.label(), env.owner()));
    }

    /** Republishes requests that got no answer for a while (a lost event or a crash before publishing). */
    public void republishUnanswered(Duration after) {
        for (Environment env : environments.requestedBefore(Instant.now().minus(after))) {
            environments.touch(env.id());
            publishRequest(env);
        }
    }

    private void requireUsableImage(String image) {
        ImageViewRepository.Readiness readiness = images.readiness(image)
                .orElseThrow(() -> PetriException.notFound("no image named '" + image + "'"));
        if (readiness.usable()) {
            return;
        }
        if ("FAILED".equals(readiness.status())) {
            throw new PetriException(409, "image-failed", "The image has no usable version",
                    "image '" + image + "' failed to build and has no ready version");
        }
        throw new RetryableException("image-not-ready", "The image is still being built",
                "image '" + image + "' is building its first version (" + readiness.percent() + "%)", 5);
    }

    private Outcome awaitOutcome(Caller caller, String id, Duration wait) {
        try (EnvironmentWaiters.Watch watch = waiters.watch(id)) {
            return awaitOutcome(caller, id, wait, watch);
        }
    }

    /**
     * Waits for a request's outcome: wakes as soon as the answer's event is recorded (the watch
     * started before anything was published or read, so no signal is missed), and looks again at
     * least every {@value #POLL_MS} ms in case the answer reached another instance.
     */
    private Outcome awaitOutcome(Caller caller, String id, Duration wait, EnvironmentWaiters.Watch watch) {
        long deadline = System.nanoTime() + wait.toNanos();
        Environment env = visible(caller, id);
        while (env.status() == EnvironmentStatus.REQUESTED && System.nanoTime() < deadline) {
            watch.await(Math.min(POLL_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            env = environments.byId(id).orElseThrow();
        }
        if (env.status() == EnvironmentStatus.FAILED) {
            throw failure(env);
        }
        return new Outcome(view(env, true), env.status() == EnvironmentStatus.READY);
    }

    private static PetriException failure(Environment env) {
        String type = env.errorType() == null ? "provisioning" : env.errorType();
        return switch (type) {
            case "capacity" -> new RetryableException("capacity", "No capacity left", env.error(), 30);
            case "no-ready-version" -> new RetryableException("image-not-ready", "The image has no ready version",
                    env.error(), 10);
            default -> new RetryableException("provisioning-failed", "The environment could not be provisioned",
                    env.error(), 5);
        };
    }

    /** One environment, if the caller may see it. */
    public Map<String, Object> get(Caller caller, String id) {
        return view(visible(caller, id), true);
    }

    /** The caller's environments (every one for admins). */
    public List<Map<String, Object>> list(Caller caller, boolean includeEnded) {
        return environments.list(caller.isAdmin() ? null : caller.name(), includeEnded).stream()
                .map(e -> view(e, false)).toList();
    }

    /** Releases an environment: it is dropped and its login revoked. */
    public Map<String, Object> release(Caller caller, String id) {
        Environment env = visible(caller, id);
        if (env.status().isActive()) {
            environments.setStatus(id, EnvironmentStatus.RELEASING);
            events.environmentReleased(new EnvironmentReleased(PetriEvent.newId(), Instant.now(), id, id, caller.name()));
        }
        return view(environments.byId(id).orElseThrow(), false);
    }

    /** Extends an environment's time-to-live, bounded by the configured maximum. */
    public Map<String, Object> extend(Caller caller, String id, Requests.Extension body) {
        Validation v = new Validation();
        v.check(body != null && body.ttl() != null, "ttl", "required: an ISO-8601 duration such as PT2H");
        Duration ttl = body == null ? null : v.duration("ttl", body.ttl(), Duration.ofMinutes(1),
                Duration.ofHours(config.ttlMaxHours()));
        v.throwIfInvalid();
        Environment env = visible(caller, id);
        if (env.status() != EnvironmentStatus.READY) {
            throw PetriException.conflict("only a READY environment can be extended (it is " + env.status() + ")");
        }
        Instant before = env.expiresAt();
        try (EnvironmentWaiters.Watch watch = waiters.watch(id)) {
            events.extendRequested(new EnvironmentExtendRequested(PetriEvent.newId(), Instant.now(), id, id, ttl));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Environment now = env;
            while (System.nanoTime() < deadline && Objects.equals(now.expiresAt(), before)) {
                watch.await(POLL_MS);
                now = environments.byId(id).orElseThrow();
            }
            return view(now, true);
        }
    }

    private Environment visible(Caller caller, String id) {
        Environment env = environments.byId(id)
                .orElseThrow(() -> PetriException.notFound("no environment with id " + id));
        if (!caller.isAdmin() && !caller.name().equals(env.owner())) {
            throw PetriException.notFound("no environment with id " + id);
        }
        return env;
    }

    /** An environment as the API shows it; the password only to its owner (or an admin) when asked. */
    Map<String, Object> view(Environment env, boolean withSecret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", env.id());
        m.put("image", env.image());
        m.put("imageVersion", env.imageVersion());
        m.put("status", env.status().name());
        m.put("label", env.label());
        m.put("owner", env.owner());
        if (env.status() == EnvironmentStatus.READY || env.status() == EnvironmentStatus.RELEASING) {
            m.put("jdbcUrl", jdbcUrl(env));
            m.put("host", env.host());
            m.put("port", env.port());
            m.put("database", env.database());
            m.put("username", env.username());
            if (withSecret && env.status() == EnvironmentStatus.READY && env.passwordSealed() != null) {
                String password = secrets.open(EventJson.read(env.passwordSealed(), SealedSecret.class));
                m.put("password", password);
                if ("postgres".equals(env.engine())) {
                    m.put("uri", "postgresql://" + enc(env.username()) + ":" + enc(password) + "@" + env.host() + ":"
                            + env.port() + "/" + env.database());
                }
            }
            m.put("cold", env.cold());
        }
        m.put("expiresAt", env.expiresAt());
        m.put("createdAt", env.createdAt());
        if (env.error() != null) {
            m.put("errorType", env.errorType());
            m.put("error", env.error());
        }
        return m;
    }

    private static String jdbcUrl(Environment env) {
        if ("sqlserver".equals(env.engine())) {
            return "jdbc:sqlserver://" + env.host() + ":" + env.port() + ";databaseName=" + env.database()
                    + ";encrypt=true;trustServerCertificate=true";
        }
        return "jdbc:postgresql://" + env.host() + ":" + env.port() + "/" + env.database();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
