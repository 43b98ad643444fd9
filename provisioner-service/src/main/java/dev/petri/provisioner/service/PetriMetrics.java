package dev.petri.provisioner.service;

import dev.petri.provisioner.repository.ImageViewRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Petri's Prometheus metrics: claims by image and outcome, claim latency (request to ready), pool
 * sizes and masking progress per image (from the read model), and leak findings.
 */
@ApplicationScoped
public class PetriMetrics {

    private static final List<String> POOL_STATES = List.of("ready", "target", "claimed", "provisioning");

    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;
    @Inject
    ImageViewRepository images;

    /** Counts a request that ended as {@code ready} or {@code failed}; a ready one also times its wait. */
    public void claimEnded(String image, String outcome, Duration requestToEnd) {
        Counter.builder("petri.claims").description("Environment requests by image and outcome")
                .tag("image", image).tag("outcome", outcome).register(registry).increment();
        if ("ready".equals(outcome) && requestToEnd != null) {
            Timer.builder("petri.claim.latency").description("From an environment request to its environment ready")
                    .tag("image", image).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry).record(requestToEnd.isNegative() ? Duration.ZERO : requestToEnd);
        }
    }

    /** Counts the leaks a masking run's scan found (at least one per failed run). */
    public void leaksFound(String image, int findings) {
        Counter.builder("petri.masking.leak.findings").description("Original sensitive values found by leak scans")
                .tag("image", image).register(registry).increment(Math.max(1, findings));
    }

    /** Sets the pool and masking progress gauges from the read model. */
    public void refreshGauges() {
        for (Map<String, Object> pool : images.pools()) {
            String image = (String) pool.get("image");
            for (String state : POOL_STATES) {
                gauge("petri.pool." + state, "Pool members of an image: " + state, image)
                        .set(((Number) pool.get(state)).intValue());
            }
        }
        for (Map<String, Object> image : images.images()) {
            int percent = switch (String.valueOf(image.get("status"))) {
                case "BUILDING" -> image.get("progress") instanceof Map<?, ?> p && p.get("percent") instanceof Number n
                        ? n.intValue() : 0;
                case "READY" -> 100;
                default -> 0;
            };
            gauge("petri.masking.progress.percent", "Progress of an image's current masking run",
                    (String) image.get("name")).set(percent);
        }
    }

    private AtomicInteger gauge(String name, String description, String image) {
        return gauges.computeIfAbsent(name + "|" + image, key -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(description).tag("image", image)
                    .register(registry);
            return value;
        });
    }
}
