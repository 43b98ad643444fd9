package dev.petri.image.service;

import dev.petri.common.EngineRegistry;
import dev.petri.common.PetriConfig;
import dev.petri.engine.DatabaseEngine;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real engines of every host, except that publishing breaks halfway: the staging database is really
 * renamed to the image database on the real server, then the publish fails, as a failed seal would.
 */
@Alternative
@Singleton
public class HalfPublishingEngines extends EngineRegistry {

    private final Map<String, DatabaseEngine> wrapped = new ConcurrentHashMap<>();

    @Inject
    public HalfPublishingEngines(PetriConfig config) {
        super(config);
    }

    @Override
    public DatabaseEngine engine(String hostName) {
        DatabaseEngine real = super.engine(hostName);
        return wrapped.computeIfAbsent(hostName, h -> (DatabaseEngine) Proxy.newProxyInstance(
                DatabaseEngine.class.getClassLoader(), new Class<?>[] {DatabaseEngine.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        if (method.getName().equals("publishImage")) {
                            throw new IllegalStateException("sealing the image database failed");
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    /** Runs the image service with these engines. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HalfPublishingEngines.class);
        }
    }
}
