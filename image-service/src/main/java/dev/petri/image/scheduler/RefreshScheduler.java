package dev.petri.image.scheduler;

import dev.petri.image.service.ImageService;
import dev.petri.image.service.RefreshService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Thin trigger: checks every image's refresh cron and times out stuck builds. */
@ApplicationScoped
public class RefreshScheduler {

    @Inject
    RefreshService refresh;
    @Inject
    ImageService images;

    @Scheduled(every = "${petri.image.refresh-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkRefreshes() {
        refresh.buildDueImages();
        images.failStuckBuilds();
    }
}
