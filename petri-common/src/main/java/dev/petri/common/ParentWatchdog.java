package dev.petri.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Stops a service whose launcher is gone, so a killed {@code ./petri dev} leaves no process behind.
 * Active only when the launcher passes its process id as {@code petri-launcher.parent-pid}.
 */
@ApplicationScoped
public class ParentWatchdog {

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        String pid = System.getProperty("petri-launcher.parent-pid");
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
        Thread watcher = new Thread(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("launcher " + pid + " is gone; stopping");
            System.exit(0);
        }, "petri-parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }
}
