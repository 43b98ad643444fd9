package dev.petri.masking.rule;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petri.masking.detect.ColumnNameClassifier;
import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.TextScanner;
import dev.petri.masking.detect.Validators;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Masks a JSON document and keeps it valid with the same keys: values under sensitive keys are
 * masked by their key's class, other strings by their content (whole values, then as free text).
 * Streams the document token by token; no tree is built.
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

    /** The class a value gets from a key: its own key's, or — {@code inherited} — that of a key above it. */
    record KeyClass(ColumnNameClassifier.NameMatch match, boolean inherited) {
    }

    @Override
    public String mask(String value) {
        StringWriter out = new StringWriter(value.length() + 16);
        try (JsonParser p = MAPPER.getFactory().createParser(value);
             JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            List<KeyClass> classes = new ArrayList<>();
            List<Boolean> objects = new ArrayList<>();
            KeyClass fieldClass = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int top = classes.size() - 1;
                KeyClass here = top < 0 ? null : objects.get(top) ? fieldClass : classes.get(top);
                switch (t) {
                    case FIELD_NAME -> {
                        ColumnNameClassifier.NameMatch m = ColumnNameClassifier.classify(p.currentName());
                        KeyClass above = classes.get(top);
                        fieldClass = m != null && m.sensitiveClass().sensitive() ? new KeyClass(m, false)
                                : above == null ? null : new KeyClass(above.match(), true);
                        g.writeFieldName(p.currentName());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        classes.add(here);
                        objects.add(t == JsonToken.START_OBJECT);
                        g.copyCurrentEvent(p);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        classes.remove(top);
                        objects.remove(top);
                        g.copyCurrentEvent(p);
                    }
                    case VALUE_STRING -> g.writeString(maskString(ctx, p.getText(), plausible(here, p.getText())));
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        ColumnNameClassifier.NameMatch k = plausible(here, p.getText());
                        if (k != null && k.sensitiveClass() == SensitiveClass.GEO_LOCATION) {
                            g.writeNumber(ctx.maskEmbedded(SensitiveClass.GEO_LOCATION, p.getText()));
                        } else if (k != null && isDigitClass(k.sensitiveClass())) {
                            String masked = ctx.maskEmbedded(k.sensitiveClass(), p.getText()).replaceFirst("^0+(?=\\d)", "");
                            g.writeNumber(masked);
                        } else {
                            g.copyCurrentEvent(p);
                        }
                    }
                    default -> g.copyCurrentEvent(p);
                }
            }
        } catch (IOException e) {
            return ctx.maskText(value);
        }
        return out.toString();
    }

    /**
     * The class of a value, kept when it is the value's own key's; a class inherited from a key above holds only for
     * values that can be one: in {@code "phones": [{"type": "mobile", "number": "+1 202 555 0143"}]} the number is a
     * phone, {@code mobile} (no digits) is not, and is read for its content like any other text.
     */
    static ColumnNameClassifier.NameMatch plausible(KeyClass k, String value) {
        if (k == null || !k.inherited()) {
            return k == null ? null : k.match();
        }
        SensitiveClass c = k.match().sensitiveClass();
        int digits = Validators.digits(value).length();
        boolean can = switch (c) {
            case PHONE, PAYMENT_CARD, NATIONAL_ID, IBAN -> digits >= 3;
            case POSTCODE, DATE_OF_BIRTH -> digits >= 1;
            case EMAIL -> value.indexOf('@') > 0;
            // a user name is a value of its own key, never of a whole object ("created_by": {"role": "admin"})
            case USERNAME -> false;
            case MAC_ADDRESS -> Validators.macDigits(value) != null;
            case IP_ADDRESS -> digits >= 1 && (value.indexOf('.') > 0 || value.indexOf(':') >= 0);
            case GEO_LOCATION -> digits >= 3 && value.indexOf('.') > 0;
            default -> true;
        };
        return can ? k.match() : null;
    }

    private static boolean isDigitClass(SensitiveClass c) {
        return c == SensitiveClass.PHONE || c == SensitiveClass.PAYMENT_CARD || c == SensitiveClass.NATIONAL_ID
                || c == SensitiveClass.POSTCODE;
    }

    /** A string value masked by the class its key gives it, or else by its content (whole, then as free text). */
    static String maskString(RuleContext ctx, String s, ColumnNameClassifier.NameMatch keyClass) {
        if (keyClass != null) {
            SensitiveClass c = keyClass.sensitiveClass();
            if (c == SensitiveClass.PERSON_NAME) {
                return ctx.maskName(s);
            }
            if (c == SensitiveClass.ADDRESS) {
                return Rules.byName("address").factory().create(ctx, Map.of(), RuleTarget.free(keyClass.part())).mask(s);
            }
            if (c != SensitiveClass.FREE_TEXT && c != SensitiveClass.JSON && c != SensitiveClass.XML) {
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
