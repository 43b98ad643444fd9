package dev.petri.image.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.petri.image.ImageDefinition;
import dev.petri.image.repository.ImageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Starts the builds that images' refresh schedules (Quartz-style cron, UTC) say are due. */
@ApplicationScoped
public class RefreshService {

    private static final Logger LOG = Logger.getLogger(RefreshService.class);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Inject
    ImageRepository repository;
    @Inject
    ImageService images;

    /** Requests a build for every image whose last scheduled time has passed since its last build. */
    public void buildDueImages() {
        Instant now = Instant.now();
        for (ImageDefinition d : repository.scheduledDefinitions()) {
            if (isDue(d.refreshCron(), d.lastBuildRequestedAt(), now)) {
                images.requestBuild(d.name(), null, "schedule");
            }
        }
    }

    /** Whether a cron fired between the last build and now. */
    static boolean isDue(String cron, Instant lastBuild, Instant now) {
        try {
            Optional<ZonedDateTime> last = ExecutionTime.forCron(PARSER.parse(cron))
                    .lastExecution(now.atZone(ZoneOffset.UTC));
            return last.isPresent() && (lastBuild == null || last.get().toInstant().isAfter(lastBuild));
        } catch (IllegalArgumentException e) {
            LOG.warnf("invalid refresh cron '%s' ignored: %s", cron, e.getMessage());
            return false;
        }
    }
}
