package dev.petri.masking.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads and writes policies as YAML files, the form that is reviewed and committed. */
public final class PolicyFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private PolicyFile() {
    }

    /** A policy from YAML text. */
    public static Policy parse(String yaml) {
        try {
            Map<String, Object> map = YAML.readValue(yaml, new TypeReference<Map<String, Object>>() { });
            return Policy.fromMap(map);
        } catch (IOException e) {
            String at = e instanceof JsonProcessingException j && j.getLocation() != null
                    && j.getLocation().getLineNr() > 0 ? " (line " + j.getLocation().getLineNr() + ")" : "";
            throw new PolicyException("the policy file is not valid YAML" + at + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** A policy as YAML text. */
    public static String format(Policy policy) {
        try {
            return "# Petri masking policy: review, override 'class' or 'rule', commit.\n"
                    + YAML.writeValueAsString(policy.toMap());
        } catch (IOException e) {
            throw new PolicyException("cannot write the policy as YAML", e);
        }
    }

    /** Reads a policy file. */
    public static Policy read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Writes a policy file. */
    public static void write(Policy policy, Path file) throws IOException {
        Files.writeString(file, format(policy));
    }
}
