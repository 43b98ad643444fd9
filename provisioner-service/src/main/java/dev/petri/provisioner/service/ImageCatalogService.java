package dev.petri.provisioner.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.common.PetriException;
import dev.petri.common.SecretBox;
import dev.petri.engine.Engines;
import dev.petri.events.EventJson;
import dev.petri.events.ImageBuildOrdered;
import dev.petri.events.ImageDefinitionSubmitted;
import dev.petri.events.PetriEvent;
import dev.petri.events.SourceSpec;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.config.ApiConfig;
import dev.petri.provisioner.messaging.FrontDoorEvents;
import dev.petri.provisioner.repository.ImageViewRepository;
import dev.petri.provisioner.rest.Requests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Image definitions through the front door: validated, their secrets sealed, handed to the image service. */
@ApplicationScoped
public class ImageCatalogService {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Inject
    ImageViewRepository images;
    @Inject
    FrontDoorEvents events;
    @Inject
    SecretBox secrets;
    @Inject
    ApiConfig config;

    /** Defines or updates an image; the image service starts a build when something it depends on changed. */
    public Map<String, Object> define(Caller caller, String name, Requests.ImageDefinition body) {
        TokenService.requireAdmin(caller);
        Validation.imageName(name);
        if (body == null) {
            throw PetriException.badRequest("send a JSON body with engine, source and pool");
        }
        Validation v = new Validation();
        v.check(body.engine() != null && Engines.isKnown(body.engine()), "engine", "must be postgres or sqlserver");
        String engine = body.engine() == null || !Engines.isKnown(body.engine()) ? null : Engines.canonical(body.engine());
        Requests.Source source = body.source();
        if (source == null) {
            v.error("source", "required: {jdbcUrl, username, password} or {backupFile}");
        } else if (source.jdbcUrl() != null) {
            String prefix = "sqlserver".equals(engine) ? "jdbc:sqlserver://" : "jdbc:postgresql://";
            v.check(source.jdbcUrl().startsWith(prefix), "source.jdbcUrl", "must start with " + prefix);
            v.check(!source.jdbcUrl().toLowerCase(Locale.ROOT).contains("password"), "source.jdbcUrl",
                    "must not carry a password; put it in source.password");
            v.check(source.username() != null && !source.username().isBlank(), "source.username", "required");
            v.check(source.password() != null, "source.password", "required");
            v.check(source.backupFile() == null, "source.backupFile", "give either jdbcUrl or backupFile, not both");
        } else {
            v.check(source.backupFile() != null && !source.backupFile().isBlank(), "source",
                    "required: {jdbcUrl, username, password} or {backupFile}");
        }
        if (body.refresh() != null) {
            try {
                CRON.parse(body.refresh()).validate();
            } catch (IllegalArgumentException e) {
                v.error("refresh", "must be a Quartz cron expression such as '0 0 2 * * ?'");
            }
        }
        int poolSize = body.pool() == null || body.pool().size() == null ? 2 : body.pool().size();
        v.check(poolSize >= 0 && poolSize <= config.maxPoolSize(), "pool.size",
                "must be between 0 and " + config.maxPoolSize());
        v.throwIfInvalid();
        // a definition without a policy keeps the image's current one (a file applied with PUT …/policy among them):
        // changing a pool size or a schedule does not drop the reviewed policy; "policy": {"columns": []} clears it
        Map<String, Object> policy = body.policy() != null ? PolicyService.validateOverrides(body.policy())
                : images.policy(name).orElse(null);

        SourceSpec spec = new SourceSpec(source.jdbcUrl(), source.username(), secrets.seal(source.password()),
                source.backupFile());
        events.definitionSubmitted(new ImageDefinitionSubmitted(PetriEvent.newId(), Instant.now(),
                UUID.randomUUID().toString(), name, engine, spec, body.refresh(), poolSize, policy, caller.name()));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("engine", engine);
        Map<String, Object> publicSource = new LinkedHashMap<>();
        publicSource.put("jdbcUrl", source.jdbcUrl());
        publicSource.put("username", source.username());
        publicSource.put("backupFile", source.backupFile());
        definition.put("source", publicSource);
        definition.put("refresh", body.refresh());
        definition.put("pool", Map.of("size", poolSize));
        definition.put("policy", policy);
        images.upsertDefinition(name, engine, poolSize, body.refresh(), EventJson.write(definition));
        return get(name);
    }

    /** Orders a new build now. */
    public Map<String, Object> orderBuild(Caller caller, String name) {
        TokenService.requireAdmin(caller);
        requireExists(name);
        events.buildOrdered(new ImageBuildOrdered(PetriEvent.newId(), Instant.now(), UUID.randomUUID().toString(),
                name, caller.name()));
        return get(name);
    }

    public List<Map<String, Object>> list() {
        return images.images();
    }

    public Map<String, Object> get(String name) {
        Validation.imageName(name);
        return images.image(name).orElseThrow(() -> PetriException.notFound("no image named '" + name + "'"));
    }

    /**
     * The masking report of one version. A version without one is still building (404), or failed before its report
     * was written (409 {@code build-failed}, naming the kind of failure), so it never gets one.
     */
    public JsonNode report(String name, int version) {
        requireExists(name);
        ImageViewRepository.VersionState state = images.versionState(name, version).orElseThrow(
                () -> PetriException.notFound("image '" + name + "' has no version " + version));
        return images.report(name, version).orElseThrow(() -> "FAILED".equals(state.status())
                ? new PetriException(409, "build-failed", "The build failed before its masking report",
                        "version " + version + " of '" + name + "' failed before its masking report was written ("
                                + (state.errorType() == null ? "unknown" : state.errorType())
                                + (state.error() == null ? "" : ": " + state.error())
                                + "), so it has no report; the image's last ready version stays current")
                : PetriException.notFound("version " + version + " of '" + name + "' has no report yet: it is "
                        + state.status().toLowerCase(Locale.ROOT) + (state.status().equals("BUILDING")
                        ? "; its report comes when masking finishes" : "")));
    }

    void requireExists(String name) {
        Validation.imageName(name);
        if (!images.exists(name)) {
            throw PetriException.notFound("no image named '" + name + "'");
        }
    }
}
