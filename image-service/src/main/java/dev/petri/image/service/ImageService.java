package dev.petri.image.service;

import dev.petri.common.EngineRegistry;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.Engines;
import dev.petri.events.EnvironmentDropped;
import dev.petri.events.EnvironmentExpired;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EventJson;
import dev.petri.events.ImageBuildFailed;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.ImageDefinitionSubmitted;
import dev.petri.events.ImagePolicySubmitted;
import dev.petri.events.ImageReady;
import dev.petri.events.ImageRetired;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.MaskingFailed;
import dev.petri.events.PetriEvent;
import dev.petri.events.SourceSpec;
import dev.petri.image.ImageDefinition;
import dev.petri.image.ImageVersion;
import dev.petri.image.VersionStatus;
import dev.petri.image.config.ImageConfig;
import dev.petri.image.messaging.ImageEvents;
import dev.petri.image.repository.ImageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps image definitions and their versions: starts builds (one per image at a time), publishes
 * masked staging databases as immutable versions, and retires old versions. A failed build never
 * replaces the last good version.
 */
@ApplicationScoped
public class ImageService {

    private static final Logger LOG = Logger.getLogger(ImageService.class);

    @Inject
    ImageRepository repository;
    @Inject
    ImageEvents events;
    @Inject
    EngineRegistry engines;
    @Inject
    ImageConfig config;

    /** Stores a definition; a new image, or a change to what a build depends on, starts a build. */
    public void define(ImageDefinitionSubmitted event) {
        String sourceJson = EventJson.write(event.source());
        String policyJson = event.policy() == null ? null : EventJson.write(event.policy());
        String hash = definitionHash(event.engine(), event.source(), policyJson);
        boolean changed = repository.upsertDefinition(event.imageName(), event.engine(), sourceJson,
                event.refreshCron(), event.poolSize(), policyJson, hash);
        if (changed) {
            requestBuild(event.imageName(), event.correlationId(), "definition");
        }
    }

    /**
     * Replaces an image's policy with an applied policy file; a change starts a build, as a changed definition does,
     * and the same policy again changes nothing.
     */
    public void applyPolicy(ImagePolicySubmitted event) {
        Optional<ImageDefinition> definition = repository.definition(event.imageName());
        if (definition.isEmpty()) {
            LOG.warnf("policy for unknown image %s ignored", event.imageName());
            return;
        }
        ImageDefinition d = definition.get();
        String policyJson = event.policy() == null ? null : EventJson.write(event.policy());
        String hash = definitionHash(d.engine(), EventJson.read(d.sourceJson(), SourceSpec.class), policyJson);
        if (repository.updatePolicy(event.imageName(), policyJson, hash)) {
            requestBuild(event.imageName(), event.correlationId(), "policy");
        } else {
            LOG.infof("image %s: the applied policy is the one it has; no build", event.imageName());
        }
    }

    /** What a build depends on, hashed: a change of it starts a build. */
    private static String definitionHash(String engine, SourceSpec source, String policyJson) {
        return hash(engine + "|" + sourceIdentity(source) + "|" + policyJson);
    }

    /** Starts a build of the next version now, or after the running one. */
    public Optional<Integer> requestBuild(String image, String correlationId, String trigger) {
        Optional<ImageDefinition> definition = repository.definition(image);
        if (definition.isEmpty()) {
            LOG.warnf("build of unknown image %s ignored", image);
            return Optional.empty();
        }
        String correlation = correlationId == null ? UUID.randomUUID().toString() : correlationId;
        Optional<Integer> version = repository.startBuild(image, correlation, trigger);
        if (version.isEmpty()) {
            LOG.infof("image %s: a build is running; another follows it (%s)", image, trigger);
            return version;
        }
        ImageDefinition d = definition.get();
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = d.policyJson() == null ? null : EventJson.read(d.policyJson(), Map.class);
        events.buildRequested(new ImageBuildRequested(PetriEvent.newId(), Instant.now(), correlation, image,
                version.get(), d.engine(), EventJson.read(d.sourceJson(), SourceSpec.class), policy, trigger));
        LOG.infof("image %s: building version %d (%s)", image, version.get(), trigger);
        return version;
    }

    /** Publishes a masked staging database as the next ready version, then applies retention. */
    public void publish(MaskingCompleted event) {
        Optional<ImageVersion> version = repository.version(event.imageName(), event.version());
        if (version.isEmpty() || version.get().status() != VersionStatus.BUILDING) {
            if (version.isPresent() && version.get().status() == VersionStatus.FAILED) {
                LOG.warnf("image %s v%d: masking finished after the build was failed; dropping its staging database",
                        event.imageName(), event.version());
                engines.engine(event.host()).dropDatabase(event.stagingDatabase());
            }
            LOG.debugf("image %s v%d already handled", event.imageName(), event.version());
            return;
        }
        String imageDb = DbNames.image(event.imageName(), event.version());
        try {
            DatabaseEngine engine = engines.engine(event.host());
            if (engine.databaseExists(event.stagingDatabase())) {
                engine.dropDatabase(imageDb);
                engine.publishImage(event.stagingDatabase(), imageDb);
            } else if (!engine.databaseExists(imageDb)) {
                failOwnBuild(event.imageName(), event.version(), event.correlationId(), "publish",
                        "the staging database disappeared before publishing");
                return;
            }
        } catch (RuntimeException e) {
            LOG.warnf("image %s v%d: publishing %s on %s failed: %s", event.imageName(), event.version(),
                    event.stagingDatabase(), event.host(), e.getMessage());
            dropQuietly(event.host(), event.stagingDatabase());
            dropQuietly(event.host(), imageDb);
            failOwnBuild(event.imageName(), event.version(), event.correlationId(), "publish",
                    "the masked staging database could not be published on host '" + event.host() + "'");
            return;
        }
        repository.recordPublished(event.imageName(), event.version(), event.host(), imageDb, event.sizeBytes(),
                event.sourceTime(), event.policyHash(), event.report() == null ? null : EventJson.write(event.report()));
        repository.transition(event.imageName(), event.version(), VersionStatus.BUILDING, VersionStatus.READY);
        int poolSize = repository.definition(event.imageName()).map(ImageDefinition::poolSize).orElse(0);
        events.ready(new ImageReady(PetriEvent.newId(), Instant.now(), event.correlationId(), event.imageName(),
                event.version(), event.engine(), event.host(), imageDb, event.sizeBytes(), poolSize));
        LOG.infof("image %s: version %d is ready", event.imageName(), event.version());
        retireOldVersions(event.imageName(), event.correlationId());
        followWithPendingBuild(event.imageName());
    }

    /**
     * Fails builds that got no masking result within the timeout, so their images can build again; their
     * staging (and backup restore) databases are dropped wherever a run of the image's engine may have left
     * one (a result that still comes is not published, see {@link #publish}).
     */
    public void failStuckBuilds() {
        Instant before = Instant.now().minus(Duration.ofMinutes(config.buildTimeoutMinutes()));
        for (ImageVersion stuck : repository.buildingSince(before)) {
            String engine = repository.definition(stuck.image()).map(ImageDefinition::engine)
                    .filter(Engines::isKnown).map(Engines::canonical).orElse(null);
            engines.all().forEach((host, hostEngine) -> {
                if (engine == null || hostEngine.kind().equals(engine)) {
                    dropQuietly(host, DbNames.staging(stuck.image(), stuck.version()));
                    dropQuietly(host, DbNames.restore(stuck.image(), stuck.version()));
                }
            });
            failOwnBuild(stuck.image(), stuck.version(), null, "timeout",
                    "no masking result within " + config.buildTimeoutMinutes() + " minutes");
        }
    }

    /** Records a failed build; the last ready version stays current. */
    public void buildFailed(MaskingFailed event) {
        failBuild(event.imageName(), event.version(), event.errorType(), event.reason(),
                event.report() == null ? null : EventJson.write(event.report()));
        followWithPendingBuild(event.imageName());
    }

    /**
     * Fails a build for a reason found here, not by the masking run, and announces it (the masking run's
     * own failures are announced by the masking service).
     */
    private void failOwnBuild(String image, int version, String correlationId, String errorType, String reason) {
        if (failBuild(image, version, errorType, reason, null)) {
            String correlation = correlationId != null ? correlationId
                    : repository.correlationId(image, version).orElse(UUID.randomUUID().toString());
            events.buildFailed(new ImageBuildFailed(PetriEvent.newId(), Instant.now(), correlation, image, version,
                    errorType, reason));
        }
        followWithPendingBuild(image);
    }

    /** Records a failed build; true when this call failed it (it was BUILDING). */
    private boolean failBuild(String image, int version, String errorType, String reason, String reportJson) {
        boolean failed = repository.transition(image, version, VersionStatus.BUILDING, VersionStatus.FAILED);
        if (failed) {
            repository.recordFailure(image, version, errorType, reason, reportJson);
            LOG.warnf("image %s: version %d failed (%s)", image, version, errorType);
        }
        return failed;
    }

    private void dropQuietly(String host, String database) {
        try {
            engines.engine(host).dropDatabase(database);
        } catch (RuntimeException e) {
            LOG.errorf("could not drop database %s on %s: %s", database, host, e.getMessage());
        }
    }

    private void followWithPendingBuild(String image) {
        if (repository.takeRebuildPending(image)) {
            requestBuild(image, null, "queued");
        }
    }

    /** An environment was made from a version: the version is kept while the environment lives. */
    public void environmentReady(EnvironmentReady event) {
        repository.environmentReady(event.environmentId(), event.imageName(), event.imageVersion());
    }

    /** An environment was released: a version held past retention for it may now be retired. */
    public void environmentDropped(EnvironmentDropped event) {
        environmentGone(event.environmentId(), event.imageName(), event.correlationId());
    }

    /**
     * An environment outlived its time-to-live: the pool service took it out of service (as on a release,
     * its login is disabled and its database is dropped), so it holds its version no longer.
     */
    public void environmentExpired(EnvironmentExpired event) {
        environmentGone(event.environmentId(), event.imageName(), event.correlationId());
    }

    private void environmentGone(String environmentId, String image, String correlationId) {
        repository.environmentDropped(environmentId, image);
        if (image != null) {
            retireOldVersions(image, correlationId);
        }
    }

    /**
     * Retires READY versions beyond the number to keep, oldest last; their databases are dropped. A version
     * that environments still use stays until the last of them is dropped.
     */
    void retireOldVersions(String image, String correlationId) {
        List<ImageVersion> ready = repository.readyVersions(image);
        int keep = Math.max(1, config.keepReadyVersions());
        for (ImageVersion old : ready.subList(Math.min(ready.size(), keep), ready.size())) {
            int live = repository.liveEnvironments(image, old.version());
            if (live > 0) {
                LOG.infof("image %s: version %d is past retention; %d environments still use it", image, old.version(),
                        live);
                continue;
            }
            if (repository.transition(image, old.version(), VersionStatus.READY, VersionStatus.RETIRED)) {
                events.retired(new ImageRetired(PetriEvent.newId(), Instant.now(), correlationId, image, old.version(),
                        old.host(), old.database(), "retention"));
                engines.engine(old.host()).dropDatabase(old.database());
                LOG.infof("image %s: version %d retired", image, old.version());
            }
        }
    }

    /** What identifies a source for rebuild purposes: where it is and who reads it, not the sealed bytes. */
    private static String sourceIdentity(SourceSpec source) {
        if (source == null) {
            return "";
        }
        return source.jdbcUrl() + "|" + source.username() + "|" + source.backupFile();
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
