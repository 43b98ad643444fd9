package dev.petri.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the shared dev stack for a Quarkus test and points the service at it. Give the service
 * name as the {@code service} init argument.
 */
public class DevStackTestResource implements QuarkusTestResourceLifecycleManager {

    private String service = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        return DevStack.shared().serviceConfig(service);
    }

    @Override
    public void stop() {
        // the stack is shared by every test class of the JVM and stops with it
    }
}
