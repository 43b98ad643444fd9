package dev.petri.provisioner.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wakes requests waiting for their environment when an event about it arrives. */
@ApplicationScoped
public class EnvironmentWaiters {

    private final Map<String, Object> monitors = new ConcurrentHashMap<>();

    /** Waits up to a time for a signal about an environment (or returns early when signalled). */
    public void await(String environmentId, long millis) {
        Object monitor = monitors.computeIfAbsent(environmentId, id -> new Object());
        synchronized (monitor) {
            try {
                monitor.wait(Math.max(1, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes every request waiting on an environment. */
    public void signal(String environmentId) {
        Object monitor = monitors.remove(environmentId);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
