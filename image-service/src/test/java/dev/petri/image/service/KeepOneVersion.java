package dev.petri.image.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Retention that keeps only the newest ready version. */
public class KeepOneVersion implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("petri.image.keep-ready-versions", "1");
    }
}
