package dev.petri.masking.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.petri.masking.detect.ColumnNameClassifier;
import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.TextScanner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Masks a JSON document and keeps it valid with the same keys: values under sensitive keys are
 * masked by their key's class, other strings by their content (whole values, then as free text).
 */
public final class JsonRule implements MaskingRule {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code json}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("json",
            "sensitive keys and values masked, same keys, valid JSON", List.of(), EnumSet.of(ValueKind.JSON, ValueKind.TEXT),
            (ctx, params, target) -> new JsonRule(ctx));

    private final RuleContext ctx;

    JsonRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            return ctx.maskText(value);
        }
        if (root == null) {
            return value;
        }
        JsonNode masked = walk(root, null);
        try {
            return MAPPER.writeValueAsString(masked);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private JsonNode walk(JsonNode node, ColumnNameClassifier.NameMatch keyClass) {
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                ColumnNameClassifier.NameMatch m = ColumnNameClassifier.classify(name);
                obj.set(name, walk(obj.get(name), m != null && m.sensitiveClass().sensitive() ? m : keyClass));
            }
            return obj;
        }
        if (node.isArray()) {
            ArrayNode arr = (ArrayNode) node;
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, walk(arr.get(i), keyClass));
            }
            return arr;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(maskString(node.asText(), keyClass));
        }
        if (node.isNumber() && keyClass != null && isDigitClass(keyClass.sensitiveClass())) {
            String masked = ctx.maskEmbedded(keyClass.sensitiveClass(), node.asText());
            try {
                return MAPPER.readTree(masked.replaceFirst("^0+(?=\\d)", ""));
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(masked);
            }
        }
        return node;
    }

    private static boolean isDigitClass(SensitiveClass c) {
        return c == SensitiveClass.PHONE || c == SensitiveClass.PAYMENT_CARD || c == SensitiveClass.NATIONAL_ID
                || c == SensitiveClass.POSTCODE;
    }

    private String maskString(String s, ColumnNameClassifier.NameMatch keyClass) {
        if (keyClass != null) {
            SensitiveClass c = keyClass.sensitiveClass();
            if (c == SensitiveClass.PERSON_NAME) {
                return ctx.maskName(s);
            }
            if (c == SensitiveClass.ADDRESS) {
                return Rules.byName("address").factory().create(ctx, Map.of(), RuleTarget.free(keyClass.part())).mask(s);
            }
            if (c != SensitiveClass.FREE_TEXT && c != SensitiveClass.JSON) {
                return ctx.maskEmbedded(c, s);
            }
        }
        SensitiveClass byContent = TextScanner.classifyValue(s);
        if (byContent != null) {
            return ctx.maskEmbedded(byContent, s);
        }
        return ctx.maskText(s);
    }
}
