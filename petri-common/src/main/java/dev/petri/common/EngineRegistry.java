package dev.petri.common;

import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.EngineHost;
import dev.petri.engine.Engines;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The engine adapter of every configured host, by host name. */
@ApplicationScoped
public class EngineRegistry {

    private final Map<String, DatabaseEngine> engines = new ConcurrentHashMap<>();
    private final PetriConfig config;

    @Inject
    public EngineRegistry(PetriConfig config) {
        this.config = config;
    }

    /** The adapter of one host; fails with a clear message for an unknown host. */
    public DatabaseEngine engine(String hostName) {
        return engines.computeIfAbsent(hostName, name -> {
            PetriConfig.HostConfig h = config.hosts().get(name);
            if (h == null) {
                throw new IllegalArgumentException("no database host named '" + name + "' is configured");
            }
            return Engines.forHost(new EngineHost(name, Engines.canonical(h.engine()), h.adminUrl(), h.username(),
                    h.password(), h.publicHost(), h.publicPort(), h.capacity()));
        });
    }

    /** Every configured host name with its adapter, in name order. */
    public Map<String, DatabaseEngine> all() {
        Map<String, DatabaseEngine> all = new TreeMap<>();
        for (String name : config.hosts().keySet()) {
            all.put(name, engine(name));
        }
        return all;
    }

    /** The first host (by name) of an engine, the default for staging and images. */
    public String defaultHost(String engine) {
        return all().entrySet().stream().filter(e -> e.getValue().kind().equals(Engines.canonical(engine)))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + engine + " host is configured"));
    }

    /** Closes every adapter (their pooled administrative connections) when the service stops. */
    @PreDestroy
    void close() {
        engines.values().forEach(DatabaseEngine::close);
        engines.clear();
    }
}
