package dev.petri.masking.detect;

import dev.petri.masking.rule.DateOfBirthRule;
import dev.petri.masking.rule.RuleDescriptor;
import dev.petri.masking.rule.Rules;
import dev.petri.masking.rule.ValueKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Gives a column its class from its name, its role in keys, and a sample of its values. */
public final class ColumnClassifier {

    private static final Set<SensitiveClass> PRECISE = Set.of(SensitiveClass.EMAIL, SensitiveClass.PAYMENT_CARD,
            SensitiveClass.NATIONAL_ID, SensitiveClass.IBAN, SensitiveClass.IP_ADDRESS, SensitiveClass.MAC_ADDRESS);

    private ColumnClassifier() {
    }

    /**
     * The class of a column.
     *
     * @param name      column name
     * @param kind      kind of its type
     * @param keyColumn part of a primary or foreign key
     * @param sample    a sample of its values as text (null for none)
     * @param today     today, for birth-date plausibility
     */
    public static Classification classify(String name, ValueKind kind, boolean keyColumn, List<String> sample,
                                          LocalDate today) {
        ColumnNameClassifier.NameMatch byName = ColumnNameClassifier.classify(name);
        Classification byContent = sample == null || kind == ValueKind.OTHER || kind == ValueKind.NUMBER && !digitsHint(byName)
                ? null : ContentClassifier.classify(kind, sample, today);
        if (keyColumn && (byContent == null || kind == ValueKind.NUMBER) && (kind == ValueKind.NUMBER || kind == ValueKind.OTHER
                || byName == null || !byName.sensitiveClass().sensitive())) {
            return new Classification(SensitiveClass.IDENTIFIER, null, "primary or foreign key");
        }
        if (byContent != null) {
            if (byContent.sensitiveClass() == SensitiveClass.XML) {
                return byContent; // a document's elements say more than the column's name (notes, payload)
            }
            if (byName != null && byName.sensitiveClass() == byContent.sensitiveClass()) {
                return new Classification(byContent.sensitiveClass(), byName.part() != null ? byName.part() : byContent.part(),
                        byName.evidence() + "; " + byContent.evidence());
            }
            boolean nameHolds = byName != null && byName.sensitiveClass().sensitive()
                    && (byName.sensitiveClass() == SensitiveClass.FREE_TEXT || byName.sensitiveClass() == SensitiveClass.JSON
                    || !PRECISE.contains(byContent.sensitiveClass()));
            if (!nameHolds) {
                return byContent;
            }
        }
        if (byName != null) {
            if (kind == ValueKind.JSON && byName.sensitiveClass() != SensitiveClass.JSON) {
                return new Classification(SensitiveClass.JSON, null, byName.evidence() + "; a JSON document");
            }
            if (kind == ValueKind.TEXT && labelsOnly(byName.sensitiveClass(), sample)) {
                return new Classification(SensitiveClass.NOT_SENSITIVE, null, "name suggests " + byName.sensitiveClass().id()
                        + " but the sampled values are labels without one (mobile, home, bounced)");
            }
            if (kind == ValueKind.NUMBER && tooShort(byName.sensitiveClass(), sample)) {
                return new Classification(SensitiveClass.NOT_SENSITIVE, null, "name suggests " + byName.sensitiveClass().id()
                        + " but most sampled numbers are too short to be one (counts, types, flags)");
            }
            if (kind == ValueKind.NUMBER && byName.sensitiveClass() == SensitiveClass.DATE_OF_BIRTH
                    && !mostlyDates(sample, today)) {
                return new Classification(SensitiveClass.NOT_SENSITIVE, null, "name suggests date_of_birth but most sampled"
                        + " numbers are not dates (yyyymmdd) or years (a birth weight, a birth order)");
            }
            if (!canHold(byName.sensitiveClass(), kind) || kind == ValueKind.NUMBER
                    && byName.sensitiveClass() == SensitiveClass.IBAN && ColumnNameClassifier.identifierName(name)) {
                if (ColumnNameClassifier.identifierName(name)) {
                    return new Classification(SensitiveClass.IDENTIFIER, null, "name '" + name + "' looks like identifier");
                }
                return new Classification(SensitiveClass.NOT_SENSITIVE, null, "name suggests " + byName.sensitiveClass().id()
                        + " but a " + kind.name().toLowerCase(Locale.ROOT) + " column cannot hold one");
            }
            return new Classification(byName.sensitiveClass(), byName.part(), byName.evidence());
        }
        if (kind == ValueKind.JSON && byContent == null) {
            return new Classification(SensitiveClass.NOT_SENSITIVE, null, "JSON documents without sensitive keys or values in the sample");
        }
        return new Classification(SensitiveClass.NOT_SENSITIVE, null,
                sample == null || sample.isEmpty() ? "name says nothing; no values to sample"
                        : "neither the name nor " + sample.size() + " sampled values show anything sensitive");
    }

    /**
     * Whether a column of this kind can hold a value of the class: an {@code email_verified} boolean, an
     * {@code email_promotion} integer or a {@code phone_confirmed_at} timestamp is named after a class its values
     * cannot be. The class's own rule decides, except for credentials, which any type can carry (a {@code bytea}
     * hash, a {@code uuid} token): those stay secrets and are cleared when their rule cannot take the type.
     */
    static boolean canHold(SensitiveClass cls, ValueKind kind) {
        if (!cls.sensitive() || cls == SensitiveClass.SECRET || cls == SensitiveClass.DOCUMENT) {
            return true;
        }
        RuleDescriptor rule = Rules.byName(cls.defaultRule());
        return rule == null || rule.accepts().contains(kind);
    }

    /**
     * Whether the numbers sampled from a column named like a phone, card or national id are mostly too short to be one
     * ({@code phone_count}, {@code card_type}): fewer than 6 digits. Without a sample, the name holds.
     */
    static boolean tooShort(SensitiveClass cls, List<String> sample) {
        if (cls != SensitiveClass.PHONE && cls != SensitiveClass.PAYMENT_CARD && cls != SensitiveClass.NATIONAL_ID
                || sample == null || sample.isEmpty()) {
            return false;
        }
        long longEnough = sample.stream().filter(v -> v != null && Validators.digits(v).length() >= 6).count();
        return longEnough * 2 < sample.size();
    }

    /**
     * Whether a text column named like a phone, card, national id or e-mail holds only labels about one
     * ({@code phone_type}: mobile, home; {@code email_status}: bounced, verified): at least 3 sampled values that are not
     * placeholders, none with a digit (an e-mail: single words of letters, each seen twice on average — an address
     * typed out as {@code ann at shop dot test} is no label).
     */
    static boolean labelsOnly(SensitiveClass cls, List<String> sample) {
        if (sample == null) {
            return false;
        }
        List<String> values = sample.stream().filter(v -> v != null && !Placeholders.is(v)).toList();
        if (values.size() < 3) {
            return false;
        }
        return switch (cls) {
            case PHONE, PAYMENT_CARD, NATIONAL_ID, IBAN -> values.stream().allMatch(v -> Validators.digits(v).isEmpty());
            case EMAIL -> values.stream().allMatch(v -> v.trim().matches("[A-Za-z_-]{1,20}"))
                    && values.stream().distinct().count() * 2 <= values.size();
            default -> false;
        };
    }

    /** Whether most sampled numbers read as dates of birth ({@code 19850312}, {@code 1985}); without a sample, yes. */
    static boolean mostlyDates(List<String> sample, LocalDate today) {
        if (sample == null || sample.isEmpty()) {
            return true;
        }
        long dates = sample.stream().filter(v -> v != null && DateOfBirthRule.numericDate(v, today.getYear())).count();
        return dates * 2 >= sample.size();
    }

    private static boolean digitsHint(ColumnNameClassifier.NameMatch m) {
        return m != null && m.sensitiveClass().sensitive();
    }
}
