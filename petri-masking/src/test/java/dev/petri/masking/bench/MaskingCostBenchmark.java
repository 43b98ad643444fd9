package dev.petri.masking.bench;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.Validators;
import dev.petri.masking.rule.FakeData;
import dev.petri.masking.rule.MaskingKeys;
import dev.petri.masking.rule.MaskingRule;
import dev.petri.masking.rule.RuleContext;
import dev.petri.masking.rule.RuleTarget;
import dev.petri.masking.rule.Rules;
import dev.petri.masking.scan.SourceValues;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Where the masking time of the benchmark's {@code people} rows goes, without a database: the CPU
 * time (of one thread) each column's rule takes per row, with the source's values collected first
 * as in a real run (so every rule also checks that it emits no original). Rows are generated as in
 * {@link MaskingBenchmark}; names are remembered per column as the pipeline does.
 */
public final class MaskingCostBenchmark {

    private MaskingCostBenchmark() {
    }

    /** Arguments: [rows, default 200000]. */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String[][] data = generate(rows);
        String[] columns = {"first_name", "last_name", "email", "phone", "card_number", "national_id", "notes", "profile"};
        String[] ruleNames = {"person_name", "person_name", "email", "phone", "payment_card", "national_id", "free_text", "json"};
        SensitiveClass[] classes = {SensitiveClass.PERSON_NAME, SensitiveClass.PERSON_NAME, SensitiveClass.EMAIL,
            SensitiveClass.PHONE, SensitiveClass.PAYMENT_CARD, SensitiveClass.NATIONAL_ID, null, null};
        SourceValues source = new SourceValues();
        for (String[] r : data) {
            for (int i = 0; i < classes.length; i++) {
                if (classes[i] != null) {
                    source.add(classes[i], r[i]);
                }
            }
        }
        RuleContext ctx = new RuleContext(new MaskingKeys("benchmark-key"), FakeData.get(), source);
        MaskingRule[] rules = new MaskingRule[ruleNames.length];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = Rules.byName(ruleNames[i]).factory().create(ctx, Map.of(), RuleTarget.free(null));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            // row by row, all columns, as the pipeline does it (a row's e-mail and phone come back in its text and JSON)
            @SuppressWarnings("unchecked")
            Map<String, String>[] names = new Map[] {new HashMap<>(), new HashMap<>()};
            long t = mx.getCurrentThreadCpuTime();
            for (String[] r : data) {
                for (int i = 0; i < rules.length; i++) {
                    mask(rules, names, i, r[i]);
                }
            }
            double rowWise = (mx.getCurrentThreadCpuTime() - t) / 1e3 / rows;
            // column by column, for the share of each (here nothing comes back from the row's other columns)
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < rules.length; i++) {
                names[0].clear();
                names[1].clear();
                t = mx.getCurrentThreadCpuTime();
                for (String[] r : data) {
                    mask(rules, names, i, r[i]);
                }
                sb.append(String.format(Locale.ROOT, "%s %.2f, ", columns[i], (mx.getCurrentThreadCpuTime() - t) / 1e3 / rows));
            }
            System.out.printf(Locale.ROOT, "%s: CPU µs per row on one thread: all 8 columns row by row %.2f;"
                    + " each column alone: %s%n", round == 0 ? "first pass (JIT warming up)" : "second pass", rowWise,
                    sb.substring(0, sb.length() - 2));
        }
    }

    private static void mask(MaskingRule[] rules, Map<String, String>[] names, int i, String value) {
        if (value == null) {
            return;
        }
        String m = i < 2 ? names[i].computeIfAbsent(value, rules[i]::mask) : rules[i].mask(value);
        if (m == null) {
            throw new IllegalStateException("a non-null value masked to null");
        }
    }

    private static String[][] generate(int rows) {
        Faker faker = new Faker(Locale.US, new Random(7));
        String[] first = new String[2_000];
        String[] last = new String[2_000];
        for (int i = 0; i < first.length; i++) {
            first[i] = faker.name().firstName().replaceAll("[^A-Za-z' -]", "");
            last[i] = faker.name().lastName().replaceAll("[^A-Za-z' -]", "");
        }
        String[] domains = {"mail.test", "corp.test", "post.test", "inbox.test"};
        String[] phoneFormats = {"(%03d) %03d-%04d", "%03d-%03d-%04d", "%03d.%03d.%04d", "+1 %03d %03d %04d"};
        Random r = new Random(11);
        String[][] out = new String[rows][];
        for (int id = 1; id <= rows; id++) {
            String f = first[r.nextInt(first.length)];
            String l = last[r.nextInt(last.length)];
            String email = (f + "." + l + id + "@" + domains[r.nextInt(domains.length)]).toLowerCase(Locale.ROOT)
                    .replace(" ", "").replace("'", "");
            String phone = String.format(Locale.ROOT, phoneFormats[r.nextInt(phoneFormats.length)], 200 + r.nextInt(799),
                    200 + r.nextInt(799), r.nextInt(10_000));
            StringBuilder card = new StringBuilder("4");
            for (int i = 0; i < 14; i++) {
                card.append(r.nextInt(10));
            }
            card.append(Validators.luhnCheckDigit(card.toString()));
            String ssn = String.format(Locale.ROOT, "%03d-%02d-%04d", 1 + r.nextInt(665), 1 + r.nextInt(99), 1 + r.nextInt(9_999));
            String notes = id % 3 == 0 ? null : "Spoke with " + f + " " + l + " on the phone (" + phone + "); resend the"
                    + " contract to " + email + " and check order " + (id * 7) + ".";
            String profile = "{\"name\": \"" + f + " " + l + "\", \"email\": \"" + email + "\", \"phone\": \"" + phone
                    + "\", \"tier\": \"" + (id % 5 == 0 ? "gold" : "basic") + "\", \"tags\": [\"t" + (id % 9) + "\"]}";
            out[id - 1] = new String[] {f, l, email, id % 10 == 0 ? null : phone, card.toString(), ssn, notes, profile};
        }
        return out;
    }
}
