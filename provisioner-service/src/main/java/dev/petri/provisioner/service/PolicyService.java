package dev.petri.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.common.PetriException;
import dev.petri.events.EventJson;
import dev.petri.masking.policy.Policy;
import dev.petri.masking.policy.PolicyCheck;
import dev.petri.masking.policy.PolicyException;
import dev.petri.masking.policy.PolicyFile;
import dev.petri.provisioner.repository.ImageViewRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masking policies in source control: proposes an image's policy from its latest classification
 * (the masking report), and checks a committed policy against it ({@code policy check}): it fails
 * when a column is unclassified or missing from the policy, when a sensitive column has no rule,
 * or when the policy names a column that does not exist.
 */
@ApplicationScoped
public class PolicyService {

    private static final Set<String> POLICY_KEYS = Set.of("schema", "table", "column", "class", "rule", "params",
            "evidence");

    @Inject
    ImageViewRepository images;

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

    /** Checks a policy (YAML text or a JSON policy object) against the image's classification. */
    public Map<String, Object> check(String image, Map<String, Object> body) {
        Policy policy = parse(body);
        Proposal p = proposed(image);
        List<PolicyCheck.Problem> problems = PolicyCheck.check(policy, p.policy());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", image);
        out.put("version", p.version());
        out.put("passed", problems.isEmpty());
        out.put("problems", problems.stream().map(pr -> Map.of("schema", pr.schema(), "table", pr.table(),
                "column", pr.column(), "problem", pr.problem())).toList());
        return out;
    }

    /** Validates the policy overrides of an image definition; a 400 names what is wrong. */
    public static void validateOverrides(Map<String, Object> policy) {
        if (policy == null) {
            return;
        }
        try {
            Policy.fromMap(policy);
        } catch (PolicyException e) {
            throw PetriException.invalid(Map.of("policy", e.getMessage()));
        }
    }

    private static Policy parse(Map<String, Object> body) {
        if (body == null || (body.get("yaml") == null && body.get("policy") == null)) {
            throw PetriException.invalid(Map.of("yaml", "send {\"yaml\": \"<policy file>\"} or {\"policy\": {...}}"));
        }
        try {
            if (body.get("yaml") instanceof String yaml) {
                return PolicyFile.parse(yaml);
            }
            if (body.get("policy") instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) map;
                return Policy.fromMap(typed);
            }
            throw PetriException.invalid(Map.of("policy", "must be an object"));
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
                        if (POLICY_KEYS.contains(String.valueOf(k)) && v != null) {
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
