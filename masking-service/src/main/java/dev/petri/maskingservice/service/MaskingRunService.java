package dev.petri.maskingservice.service;

import dev.petri.common.EngineRegistry;
import dev.petri.common.SecretBox;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineException;
import dev.petri.engine.Engines;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.StagedCopy;
import dev.petri.events.EventJson;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.MaskingFailed;
import dev.petri.events.MaskingProgressed;
import dev.petri.events.PetriEvent;
import dev.petri.masking.MaskingException;
import dev.petri.masking.MaskingPipeline;
import dev.petri.maskingservice.MaskingRun;
import dev.petri.maskingservice.RunStatus;
import dev.petri.maskingservice.config.MaskingConfig;
import dev.petri.maskingservice.messaging.MaskingEvents;
import dev.petri.maskingservice.repository.MaskingRunRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs masking: copy the source into a private staging database, mask it, prove it with the leak
 * scan, and announce the outcome. Every run is recorded first, so a redelivered request is
 * answered from the record and a run cut short by a crash starts again at start-up. Whatever
 * happens, a failed run leaves no staging database behind.
 */
@ApplicationScoped
public class MaskingRunService {

    private static final Logger LOG = Logger.getLogger(MaskingRunService.class);

    @Inject
    MaskingRunRepository runs;
    @Inject
    EngineRegistry engines;
    @Inject
    SecretBox secrets;
    @Inject
    MaskingEvents events;
    @Inject
    MaskingConfig config;

    private ExecutorService workers;

    void start(@Observes StartupEvent event) {
        workers = Executors.newFixedThreadPool(config.parallelRuns(), r -> new Thread(r, "masking-run"));
        for (MaskingRun run : runs.unfinished()) {
            LOG.infof("resuming masking run %s v%d interrupted by a restart", run.image(), run.version());
            workers.submit(() -> execute(EventJson.read(run.requestJson(), ImageBuildRequested.class)));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Takes a build request: records it and starts it, or answers a repeated request from its record. */
    public void accept(ImageBuildRequested request) {
        if (runs.insertIfAbsent(request.imageName(), request.version(), request.correlationId(),
                EventJson.write(request))) {
            workers.submit(() -> execute(request));
            return;
        }
        runs.find(request.imageName(), request.version()).filter(r -> r.status().isFinal())
                .ifPresent(this::republishOutcome);
    }

    private void republishOutcome(MaskingRun run) {
        if (run.status() == RunStatus.COMPLETED) {
            events.completed(EventJson.read(run.outcomeJson(), MaskingCompleted.class));
        } else {
            events.failed(EventJson.read(run.outcomeJson(), MaskingFailed.class));
        }
    }

    /** Executes one run to its end; never throws. */
    void execute(ImageBuildRequested request) {
        String image = request.imageName();
        int version = request.version();
        String staging = DbNames.staging(image, version);
        DatabaseEngine engine = null;
        RunProgress progress = new RunProgress((phase, table, done, total, percent) -> {
            runs.progress(image, version, phase, percent);
            events.progressed(new MaskingProgressed(PetriEvent.newId(), Instant.now(), request.correlationId(), image,
                    version, phase, table, done, total, percent));
        }, config.progressIntervalMs());
        String restored = DbNames.restore(image, version);
        try {
            String host = stagingHost(config.stagingHost(), request.engine(), h -> engines.engine(h).kind(),
                    engines::defaultHost);
            engine = engines.engine(host);
            runs.markRunning(image, version, host, staging);
            engine.dropDatabase(staging);
            engine.dropDatabase(restored);
            Instant sourceTime = null;
            SourceConnection source;
            if (isBackup(request)) {
                progress.phase("restore");
                sourceTime = engine.stageFromBackup(request.source().backupFile(), restored).sourceTime();
                source = engine.adminSource(restored);
            } else {
                source = openSource(request);
            }
            StagedCopy copy = engine.stageFrom(source, staging, progress);
            DatabaseEngine stagingEngine = engine;
            Map<String, Object> report = new MaskingPipeline(config.secret())
                    .run(() -> stagingEngine.connect(staging), source, policyOf(request), progress);
            progress.phase("finish");
            engine.finishStaging(source, staging);
            dropQuietly(engine, restored);
            MaskingCompleted done = new MaskingCompleted(PetriEvent.newId(), Instant.now(), request.correlationId(),
                    image, version, engine.kind(), host, staging, engine.sizeBytes(staging),
                    sourceTime != null ? sourceTime : copy.sourceTime(), policyHash(request.policy()), report);
            runs.finish(image, version, RunStatus.COMPLETED, null, null, EventJson.write(done));
            progress.phase("done");
            events.completed(done);
            LOG.infof("masked %s v%d: %d tables, %d rows", image, version, copy.tables(), copy.rows());
        } catch (MaskingException e) {
            fail(request, engine, staging, e.kind(), e.getMessage(), e.report());
        } catch (EngineException e) {
            fail(request, engine, staging, e.kind(), e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            fail(request, engine, staging, "invalid-request", e.getMessage(), null);
        } catch (RuntimeException | Error e) { // an Error too (out of memory …): the run still ends failed, staging dropped
            LOG.errorf(e, "masking run %s v%d failed unexpectedly", image, version);
            fail(request, engine, staging, "internal", "masking failed unexpectedly; see the masking-service log",
                    null);
        }
    }

    /**
     * Where a run stages: the configured staging host when it runs the image's engine (PostgreSQL or
     * SQL Server), else the first host of that engine; the masking pipeline then picks its dialect from
     * the staging connection, so nothing below depends on the engine.
     */
    static String stagingHost(Optional<String> configured, String engine, Function<String, String> kindOfHost,
                              Function<String, String> defaultHostOf) {
        if (engine == null || !Engines.isKnown(engine)) {
            throw new IllegalArgumentException("unknown engine '" + engine + "'");
        }
        String wanted = Engines.canonical(engine);
        return configured.filter(h -> wanted.equals(kindOfHost.apply(h)))
                .orElseGet(() -> defaultHostOf.apply(engine));
    }

    private static boolean isBackup(ImageBuildRequested request) {
        return request.source() != null && request.source().jdbcUrl() == null && request.source().backupFile() != null;
    }

    private SourceConnection openSource(ImageBuildRequested request) {
        if (request.source() == null || request.source().jdbcUrl() == null) {
            throw new EngineException("invalid-source", "the image has neither a JDBC URL nor a backup file");
        }
        return new SourceConnection(request.source().jdbcUrl(), request.source().username(),
                secrets.open(request.source().password()));
    }

    private void fail(ImageBuildRequested request, DatabaseEngine engine, String staging, String kind, String reason,
                      Map<String, Object> report) {
        LOG.warnf("masking run %s v%d failed (%s): %s", request.imageName(), request.version(), kind, reason);
        if (engine != null) {
            dropQuietly(engine, staging);
            dropQuietly(engine, DbNames.restore(request.imageName(), request.version()));
        }
        MaskingFailed failed = new MaskingFailed(PetriEvent.newId(), Instant.now(), request.correlationId(),
                request.imageName(), request.version(), kind, reason, report);
        runs.finish(request.imageName(), request.version(), RunStatus.FAILED, kind, reason, EventJson.write(failed));
        events.failed(failed);
    }

    private static void dropQuietly(DatabaseEngine engine, String database) {
        try {
            engine.dropDatabase(database);
        } catch (RuntimeException dropFailed) {
            LOG.errorf("could not drop database %s: %s", database, dropFailed.getMessage());
        }
    }

    private static Map<String, Object> policyOf(ImageBuildRequested request) {
        return request.policy() == null ? Map.of() : request.policy();
    }

    /** A stable hash of a policy, so versions built under the same policy can be recognised. */
    static String policyHash(Map<String, Object> policy) {
        String canonical = EventJson.write(policy == null ? Map.of() : new TreeMap<>(policy));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
