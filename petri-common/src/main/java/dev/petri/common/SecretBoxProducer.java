package dev.petri.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the shared {@link SecretBox} injectable. */
@ApplicationScoped
public class SecretBoxProducer {

    @Produces
    @ApplicationScoped
    SecretBox secretBox(PetriConfig config) {
        return new SecretBox(config.secretKey());
    }
}
