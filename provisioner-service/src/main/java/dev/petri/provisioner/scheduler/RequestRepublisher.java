package dev.petri.provisioner.scheduler;

import dev.petri.provisioner.service.EnvironmentRequestService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Thin trigger: republishes environment requests that got no answer. */
@ApplicationScoped
public class RequestRepublisher {

    @Inject
    EnvironmentRequestService environments;

    @Scheduled(every = "${petri.api.republish-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void republish() {
        environments.republishUnanswered(Duration.ofSeconds(15));
    }
}
