package dev.petri.masking.rule;

import dev.petri.masking.scan.SourceValues;
import java.util.Map;

/** Rule contexts and rule instances for unit tests. */
final class Contexts {

    private Contexts() {
    }

    static RuleContext context(String key) {
        return new RuleContext(new MaskingKeys(key), FakeData.get(), new SourceValues());
    }

    static RuleContext context(String key, SourceValues source) {
        return new RuleContext(new MaskingKeys(key), FakeData.get(), source);
    }

    static MaskingRule rule(RuleContext ctx, String name, Map<String, String> params, RuleTarget target) {
        return Rules.byName(name).factory().create(ctx, params, target);
    }

    static MaskingRule rule(String name) {
        return rule(context("unit-key"), name, Map.of(), RuleTarget.free(null));
    }
}
