package dev.petri.masking.rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * Realistic replacement values drawn once from Datafaker with fixed seeds (names, streets, cities
 * from several locales), so the same pseudonym choice gives the same value in every run.
 */
public final class FakeData {

    private static final String[] LOCALES = {"en-US", "en-GB", "de", "fr", "es", "it", "nl", "pl", "sv", "pt-BR", "fi", "da-DK"};
    private static final int PER_LOCALE = 1_500;
    private static final String[] GIVEN_NAME_KEYS = {"name.first_name", "name.male_first_name", "name.female_first_name"};
    private static volatile FakeData instance;

    private final List<String> firstNames;
    private final List<String> lastNames;
    private final Set<String> firstNameSet;
    private final Set<String> knownGivenNames;
    private final List<String> streets;
    private final List<String> cities;
    private final List<String> asciiFirstNames;
    private final List<String> asciiLastNames;

    private FakeData() {
        this.firstNames = draw(f -> f.name().firstName(), true);
        this.lastNames = draw(f -> f.name().lastName(), true);
        this.streets = draw(f -> f.address().streetName(), false);
        this.cities = draw(f -> f.address().cityName(), false);
        Set<String> fs = new HashSet<>();
        for (String s : firstNames) {
            fs.add(s.toLowerCase(Locale.ROOT));
        }
        Faker us = new Faker(Locale.US, new Random(1));
        for (int i = 0; i < 4_000; i++) {
            fs.add(us.name().firstName().toLowerCase(Locale.ROOT));
        }
        this.firstNameSet = fs;
        // every given name Datafaker knows for these locales, not only the ones drawn: recognising a name
        // needs the whole list (kept apart from the set above, which decides pseudonyms: they stay as they were)
        Set<String> known = new HashSet<>(fs);
        for (String tag : LOCALES) {
            Faker faker = new Faker(Locale.forLanguageTag(tag));
            for (String key : GIVEN_NAME_KEYS) {
                addWords(faker.fakeValuesService().fetchObject(key, faker.getContext()), known);
            }
        }
        this.knownGivenNames = known;
        this.asciiFirstNames = firstNames.stream().map(RuleContext::ascii).toList();
        this.asciiLastNames = lastNames.stream().map(RuleContext::ascii).toList();
    }

    /** The shared pools (built on first use, about a second). */
    public static FakeData get() {
        FakeData d = instance;
        if (d == null) {
            synchronized (FakeData.class) {
                d = instance;
                if (d == null) {
                    d = new FakeData();
                    instance = d;
                }
            }
        }
        return d;
    }

    private static void addWords(Object list, Set<String> into) {
        if (list instanceof List<?> values) {
            for (Object v : values) {
                if (v instanceof String w && !w.isEmpty() && w.chars().allMatch(Character::isLetter)) {
                    into.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static List<String> draw(Function<Faker, String> gen, boolean singleWord) {
        Set<String> values = new LinkedHashSet<>();
        int seed = 11;
        for (String tag : LOCALES) {
            Faker faker = new Faker(Locale.forLanguageTag(tag), new Random(seed++));
            for (int i = 0; i < PER_LOCALE; i++) {
                String v = gen.apply(faker).trim();
                if (!v.isEmpty() && v.length() <= 40 && v.chars().allMatch(c -> Character.isLetter(c)
                        || (!singleWord && (c == ' ' || c == '-' || c == '.' || c == '\'')))) {
                    values.add(v);
                }
            }
        }
        return List.copyOf(new ArrayList<>(values));
    }

    /** Given names. */
    public List<String> firstNames() {
        return firstNames;
    }

    /** Given names folded to plain ASCII lower case ({@link RuleContext#ascii}), index for index. */
    public List<String> asciiFirstNames() {
        return asciiFirstNames;
    }

    /** Family names folded to plain ASCII lower case, index for index. */
    public List<String> asciiLastNames() {
        return asciiLastNames;
    }

    /** Family names. */
    public List<String> lastNames() {
        return lastNames;
    }

    /** Whether a lower-case token is a given name of the pseudonym pools (a given name gets a given name). */
    public boolean isFirstName(String lower) {
        return firstNameSet.contains(lower);
    }

    /** Whether a lower-case token is any given name Datafaker knows in the pools' languages (to recognise names). */
    public boolean isKnownGivenName(String lower) {
        return knownGivenNames.contains(lower);
    }

    /** Street names. */
    public List<String> streets() {
        return streets;
    }

    /** City names. */
    public List<String> cities() {
        return cities;
    }
}
