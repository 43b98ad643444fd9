package dev.petri.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.common.PetriException;
import dev.petri.events.EventJson;
import dev.petri.events.ImagePolicySubmitted;
import dev.petri.events.PetriEvent;
import dev.petri.masking.policy.ColumnPolicy;
import dev.petri.masking.policy.Policy;
import dev.petri.masking.policy.PolicyCheck;
import dev.petri.masking.policy.PolicyException;
import dev.petri.masking.policy.PolicyFile;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.messaging.FrontDoorEvents;
import dev.petri.provisioner.repository.ImageViewRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Masking policies in source control: proposes an image's policy from its latest classification
 * (the masking report), and checks a committed policy against it ({@code policy check}): it fails
 * when a column is unclassified or missing from the policy, when a sensitive column has no rule,
 * when the policy names a column that does not exist, or when it is not the policy the image applies; and
 * applies a committed policy to an image ({@code policy apply}).
 */
@ApplicationScoped
public class PolicyService {

    @Inject
    ImageViewRepository images;
    @Inject
    FrontDoorEvents events;

    /** The proposed policy of an image, from the newest version that has a masking report. */
    public Map<String, Object> proposal(String image) {
        Proposal p = proposed(image);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", image);
        out.put("version", p.version());
        out.put("yaml", PolicyFile.format(p.policy()));
        out.put("policy", p.policy().toMap());
        return out;
    }

    /**
     * Checks a policy (YAML text or a JSON policy object) against the image's classification, and says whether it is
     * the policy the image applies (the one its builds use, {@code applied}); with {@code requireApplied} (a pipeline
     * on the main branch) a policy the image does not apply fails the check too, so that a passed check means the
     * builds mask with that file. Without it a change not applied yet (a pull request) is checked on its own merits.
     */
    public Map<String, Object> check(String image, Map<String, Object> body, boolean requireApplied) {
        Policy policy = parse(body);
        Proposal p = proposed(image);
        List<PolicyCheck.Problem> problems = PolicyCheck.check(policy, p.policy());
        List<String> differences = differences(canonical(policy), applied(image));
        List<Map<String, Object>> listed = new ArrayList<>(problems.stream().map(pr -> Map.<String, Object>of(
                "schema", pr.schema(), "table", pr.table(), "column", pr.column(), "problem", pr.problem())).toList());
        if (!differences.isEmpty() && requireApplied) {
            listed.add(Map.of("problem", "the image does not apply this policy (" + String.join("; ", differences)
                    + "); its builds mask with the policy applied last: apply this file with"
                    + " 'petri policy apply FILE --image " + image + "' (PUT /api/images/" + image + "/policy)"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", image);
        out.put("version", p.version());
        out.put("passed", listed.isEmpty());
        out.put("applied", differences.isEmpty());
        if (!differences.isEmpty()) {
            out.put("notApplied", differences);
        }
        out.put("problems", listed);
        return out;
    }

    /**
     * Applies a policy file (YAML text, or a JSON policy object, bare or as {@code policy}) to an image: it becomes the image's policy, and a
     * change starts a build; the same policy again changes nothing. A malformed file is refused with a 400 and
     * changes nothing.
     */
    public Map<String, Object> apply(Caller caller, String image, Map<String, Object> body) {
        TokenService.requireAdmin(caller);
        Validation.imageName(image);
        if (!images.exists(image)) {
            throw PetriException.notFound("no image named '" + image + "'");
        }
        Map<String, Object> policy = canonical(parse(body));
        boolean changed = !differences(policy, applied(image)).isEmpty();
        if (changed) {
            events.policySubmitted(new ImagePolicySubmitted(PetriEvent.newId(), Instant.now(),
                    UUID.randomUUID().toString(), image, policy, caller.name()));
            images.updatePolicy(image, EventJson.write(policy));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", image);
        out.put("changed", changed);
        out.put("columns", ((List<?>) policy.get("columns")).size());
        return out;
    }

    /**
     * Validates the policy overrides of an image definition; a 400 names what is wrong. Returns them in the form an
     * applied file takes (entries in column order, without evidence), or null for none.
     */
    public static Map<String, Object> validateOverrides(Map<String, Object> policy) {
        if (policy == null) {
            return null;
        }
        try {
            return canonical(Policy.fromMap(policy));
        } catch (PolicyException e) {
            throw PetriException.invalid(Map.of("policy", e.getMessage()));
        }
    }

    /** What a build depends on in a policy: its entries in column order, without the informational evidence. */
    static Map<String, Object> canonical(Policy policy) {
        List<ColumnPolicy> entries = policy.columns().stream()
                .sorted(Comparator.comparing(ColumnPolicy::schema).thenComparing(ColumnPolicy::table)
                        .thenComparing(ColumnPolicy::column))
                .map(c -> new ColumnPolicy(c.schema(), c.table(), c.column(), c.cls(), c.rule(), c.params(), null))
                .toList();
        return new Policy(entries).toMap();
    }

    /** The policy the image applies, in canonical form; an empty one when it has none. */
    private Map<String, Object> applied(String image) {
        Map<String, Object> map = images.policy(image).orElse(null);
        if (map == null) {
            return canonical(Policy.empty());
        }
        try {
            return canonical(Policy.fromMap(map));
        } catch (PolicyException e) {
            return Map.of("unreadable", e.getMessage());
        }
    }

    /** How a policy differs from the applied one, column by column, in words (at most five); empty when equal. */
    private static List<String> differences(Map<String, Object> policy, Map<String, Object> applied) {
        if (policy.equals(applied)) {
            return List.of();
        }
        Map<String, Object> mine = byColumn(policy);
        Map<String, Object> theirs = byColumn(applied);
        List<String> out = new ArrayList<>();
        Set<String> columns = new TreeSet<>(mine.keySet());
        columns.addAll(theirs.keySet());
        for (String column : columns) {
            if (!Objects.equals(mine.get(column), theirs.get(column))) {
                out.add(column + (theirs.get(column) == null ? " is not in the applied policy"
                        : mine.get(column) == null ? " is only in the applied policy" : " differs"));
            }
        }
        if (out.isEmpty()) {
            out.add("the applied policy cannot be read");
        }
        return out.size() > 5 ? List.of(String.join("; ", out.subList(0, 5)), "and " + (out.size() - 5) + " more")
                : out;
    }

    private static Map<String, Object> byColumn(Map<String, Object> policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (policy.get("columns") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                out.put(m.get("schema") + "." + m.get("table") + "." + m.get("column"), m);
            }
        }
        return out;
    }

    private static Policy parse(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw PetriException.invalid(Map.of("policy", "send the policy file (YAML), {\"yaml\": \"<policy file>\"},"
                    + " {\"policy\": {...}} or the policy itself ({\"version\": 1, \"columns\": [...]})"));
        }
        try {
            if (body.containsKey("yaml")) {
                if (body.get("yaml") instanceof String yaml && !yaml.isBlank()) {
                    return PolicyFile.parse(yaml);
                }
                throw PetriException.invalid(Map.of("yaml", "must be the policy file's text"));
            }
            if (body.containsKey("policy")) {
                if (body.get("policy") instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> typed = (Map<String, ?>) map;
                    return Policy.fromMap(typed);
                }
                throw PetriException.invalid(Map.of("policy", "must be an object"));
            }
            return Policy.fromMap(body);
        } catch (PolicyException e) {
            throw PetriException.invalid(Map.of("policy", e.getMessage()));
        }
    }

    private record Proposal(int version, Policy policy) {
    }

    private Proposal proposed(String image) {
        Validation.imageName(image);
        Map<String, Object> view = images.image(image)
                .orElseThrow(() -> PetriException.notFound("no image named '" + image + "'"));
        List<Integer> candidates = new ArrayList<>();
        if (view.get("latestReadyVersion") instanceof Integer v) {
            candidates.add(v);
        }
        if (view.get("latestVersion") instanceof Integer v) {
            candidates.add(v);
        }
        for (int version : candidates) {
            JsonNode report = images.report(image, version).orElse(null);
            if (report != null && report.path("columns").isArray()) {
                List<Map<String, Object>> columns = new ArrayList<>();
                for (JsonNode c : report.path("columns")) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    EventJson.mapper().convertValue(c, Map.class).forEach((k, v) -> {
                        if (Policy.ENTRY_KEYS.contains(String.valueOf(k)) && v != null) {
                            entry.put(String.valueOf(k), v);
                        }
                    });
                    columns.add(entry);
                }
                return new Proposal(version, Policy.fromMap(Map.of("version", 1, "columns", columns)));
            }
        }
        throw new PetriException(409, "no-classification", "The image has not been classified yet",
                "image '" + image + "' has no masking report yet; wait for its first build");
    }
}
