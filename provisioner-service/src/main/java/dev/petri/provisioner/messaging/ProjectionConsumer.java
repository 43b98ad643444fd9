package dev.petri.provisioner.messaging;

import dev.petri.events.EnvironmentDropped;
import dev.petri.events.EnvironmentExpired;
import dev.petri.events.EnvironmentExtended;
import dev.petri.events.EnvironmentFailed;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.EventJson;
import dev.petri.events.ImageBuildFailed;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.ImageReady;
import dev.petri.events.ImageRetired;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.MaskingFailed;
import dev.petri.events.MaskingProgressed;
import dev.petri.events.PoolStatusChanged;
import dev.petri.events.Topics;
import dev.petri.provisioner.EnvironmentStatus;
import dev.petri.provisioner.repository.EnvironmentRepository;
import dev.petri.provisioner.repository.ImageViewRepository;
import dev.petri.provisioner.service.EnvironmentWaiters;
import dev.petri.provisioner.service.PetriMetrics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the front door's read model of images, pools and environments from the bus. */
@ApplicationScoped
public class ProjectionConsumer {

    @Inject
    ImageViewRepository images;
    @Inject
    EnvironmentRepository environments;
    @Inject
    EnvironmentWaiters waiters;
    @Inject
    PetriMetrics metrics;

    @Incoming(Topics.IMAGE_BUILD_REQUESTED)
    @Blocking
    public void onBuildRequested(ImageBuildRequested e) {
        images.buildStarted(e.imageName(), e.version(), e.trigger());
    }

    @Incoming(Topics.MASKING_PROGRESSED)
    @Blocking
    public void onProgress(MaskingProgressed e) {
        images.progress(e.imageName(), e.version(), e.phase(), e.table(), e.percent());
        metrics.refreshGauges();
    }

    @Incoming(Topics.MASKING_COMPLETED)
    @Blocking
    public void onMaskingCompleted(MaskingCompleted e) {
        images.maskingCompleted(e.imageName(), e.version(), e.sizeBytes(), e.sourceTime(), e.policyHash(),
                e.report() == null ? null : EventJson.write(e.report()));
    }

    @Incoming(Topics.MASKING_FAILED)
    @Blocking
    public void onMaskingFailed(MaskingFailed e) {
        boolean first = images.buildFailed(e.imageName(), e.version(), e.errorType(), e.reason(),
                e.report() == null ? null : EventJson.write(e.report()));
        if (first && "leak-found".equals(e.errorType())) {
            metrics.leaksFound(e.imageName(), leakFindings(e.report()));
        }
        metrics.refreshGauges();
    }

    /** A build the image service failed itself (timeout, publishing): shown as a masking failure is. */
    @Incoming(Topics.IMAGE_BUILD_FAILED)
    @Blocking
    public void onImageBuildFailed(ImageBuildFailed e) {
        images.buildFailed(e.imageName(), e.version(), e.errorType(), e.reason(), null);
        metrics.refreshGauges();
    }

    @Incoming(Topics.IMAGE_READY)
    @Blocking
    public void onImageReady(ImageReady e) {
        images.versionReady(e.imageName(), e.version(), e.database(), e.sizeBytes());
        metrics.refreshGauges();
    }

    @Incoming(Topics.IMAGE_RETIRED)
    @Blocking
    public void onImageRetired(ImageRetired e) {
        images.versionRetired(e.imageName(), e.version());
    }

    @Incoming(Topics.POOL_STATUS_CHANGED)
    @Blocking
    public void onPoolStatus(PoolStatusChanged e) {
        images.poolStatus(e.imageName(), e.imageVersion(), e.target(), e.ready(), e.provisioning(), e.claimed(),
                e.cloneMethod());
        metrics.refreshGauges();
    }

    /** Answers run side by side (each only moves its own request out of REQUESTED), then wake the waiting request. */
    @Incoming(Topics.ENVIRONMENT_READY)
    @Blocking(ordered = false)
    public void onEnvironmentReady(EnvironmentReady e) {
        if (environments.ready(e.environmentId(), e.imageVersion(), e.engine(), e.host(), e.port(), e.database(),
                e.username(), EventJson.write(e.password()), e.expiresAt(), e.cold())) {
            environments.byId(e.environmentId()).ifPresent(env -> metrics.claimEnded(env.image(), "ready",
                    Duration.between(env.createdAt(), Instant.now())));
        }
        waiters.signal(e.environmentId());
    }

    @Incoming(Topics.ENVIRONMENT_FAILED)
    @Blocking(ordered = false)
    public void onEnvironmentFailed(EnvironmentFailed e) {
        if (environments.failed(e.environmentId(), e.errorType(), e.reason())) {
            environments.byId(e.environmentId()).ifPresent(env -> metrics.claimEnded(env.image(), "failed", null));
        }
        waiters.signal(e.environmentId());
    }

    @Incoming(Topics.ENVIRONMENT_DROPPED)
    @Blocking
    public void onEnvironmentDropped(EnvironmentDropped e) {
        environments.setStatus(e.environmentId(), EnvironmentStatus.DROPPED);
        waiters.signal(e.environmentId());
    }

    @Incoming(Topics.ENVIRONMENT_EXPIRED)
    @Blocking
    public void onEnvironmentExpired(EnvironmentExpired e) {
        environments.setStatus(e.environmentId(), EnvironmentStatus.EXPIRED);
        waiters.signal(e.environmentId());
    }

    @Incoming(Topics.ENVIRONMENT_EXTENDED)
    @Blocking
    public void onEnvironmentExtended(EnvironmentExtended e) {
        environments.extended(e.environmentId(), e.expiresAt());
        waiters.signal(e.environmentId());
    }

    private static int leakFindings(Map<String, Object> report) {
        Object scan = report == null ? null : report.get("leakScan");
        return scan instanceof Map<?, ?> m && m.get("findings") instanceof Collection<?> c ? c.size() : 1;
    }
}
