package dev.petri.provisioner.scheduler;

import dev.petri.provisioner.service.PetriMetrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Thin trigger: keeps the pool and masking gauges in step with the read model (also events another instance took). */
@ApplicationScoped
public class MetricsRefresher {

    @Inject
    PetriMetrics metrics;

    @Scheduled(every = "{petri.api.metrics-refresh-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        metrics.refreshGauges();
    }
}
