package dev.petri.provisioner.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The admin token the provisioner's tests use. */
public class ProvisionerTestProfile implements QuarkusTestProfile {

    static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("petri.api.admin-token", ADMIN_TOKEN);
    }
}
