package dev.petri.masking.detect;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Classifies a column (or a JSON key) by its name, in English, German, French, Spanish, Italian,
 * Dutch and Portuguese; camelCase, snake_case and quoted mixed-case names alike. Credentials
 * (passwords and their hashes, tokens, API and private keys) come before identifiers, so
 * {@code api_key} is a secret and not a key column.
 */
public final class ColumnNameClassifier {

    /** A match: the class, the part of a name or address it holds (may be null), and why. */
    public record NameMatch(SensitiveClass sensitiveClass, String part, String evidence) {
    }

    private static final Map<Pattern, NameMatch> RULES = new LinkedHashMap<>();

    private static final Pattern IDENTIFIER = Pattern.compile("(^|_)(id|uuid|guid|pk|key|seq)$|_(id|uuid|key|fk|ref_id)$");

    static {
        add("e_?mail|courriel|correo|posta_elettronica|mail_?addr", SensitiveClass.EMAIL, null);
        add("(^|_)user_?name$|^login(_?name|_?id)?$|^user_?login$|^(created|updated|modified|changed|deleted|approved)_?by$|(^|_)handle$|nick_?name|screen_?name|benutzer_?name|"
                + "^(twitter|instagram|insta|tiktok|github|gitlab|telegram|skype|slack|discord|facebook|snapchat|mastodon"
                + "|reddit|twitch|bluesky|threads|social)_?(handle|user(_?name)?|name|account|login)?$|"
                + "nom_?d_?utilisateur|nombre_?de_?usuario|gebruikers_?naam|nome_?utente", SensitiveClass.USERNAME, null);
        add("phone|mobile|(^|_)cell|fax|(^|_)tel(efon|efono|efoon|ephone)?$|^tel_|handy|portable|celular|telemovel|"
                + "telefon|telefoon|telefone|mobil(_|$|nummer)|movil|rufnummer",
                SensitiveClass.PHONE, null);
        add("ssn|social_?sec|national_?id|nat_?id|tax_?id|(^|_)tin$|passport|drivers?_?lic|driving_?lic|(^|_)dl_?(no|num|number)$|f(u|ue)hrerschein|permis_?de_?conduire|personal_?(id|number)|"
                + "steuer_?id|sozialvers|personalausweis|(^|_)nir$|insee|dni|nif|(^|_)nie$|codice_?fiscale|(^|_)bsn$|cpf|"
                + "personnummer|pesel|id_?number|id_?card|numero_?secu|securite_?sociale|social_?insurance|(^|_)sin$|(^|_)nss$|"
                + "national_?insurance|(^|_)nino$|(^|_)ni_?number|nhs_?(no|num|number)|medicare_?(no|num|number)|aadhaar|"
                + "(^|_)curp$|(^|_)rut$|"
                // what HIPAA counts as identifiers of a patient: record, health plan, member and policy numbers
                + "(^|_)mrn$|medical_?record_?(no|num|number|id)?$|insurance_?(member_?)?(id|no|num|number)$|"
                + "health_?plan_?(id|no|num|number)|beneficiary_?(id|no|num|number)|policy_?(no|num|number)$",
                SensitiveClass.NATIONAL_ID, null);
        add("card_?(no|num|number|pan)?$|^pan$|credit_?card|cc_?num|kreditkarte|carte_?bancaire|tarjeta|"
                + "carta_?di_?credito|cartao", SensitiveClass.PAYMENT_CARD, null);
        add("iban|bank_?account|account_?(number|no|num|nr)$|acct_?(no|num|number)$|kontonummer|rekeningnummer|compte_?bancaire|cuenta",
                SensitiveClass.IBAN, null);
        add("birth|dob$|^dob|geburt|naissance|nacimiento|nascita|geboorte|nascimento|urodzenia|fodelse", SensitiveClass.DATE_OF_BIRTH, null);
        add("(^|_)ip(_?addr(ess)?)?$|^ip_?address|_ip_?address|remote_?addr|client_?ip", SensitiveClass.IP_ADDRESS, null);
        add("(^|_)mac(_?addr(ess)?)?$|mac_?address|hw_?addr|hardware_?addr|(^|_)bssid$|(^|_)eui_?64$|adresse_?mac|direccion_?mac",
                SensitiveClass.MAC_ADDRESS, null);
        add("(^|_)(lat|latitude|lng|lon|longitude|breitengrad|laengengrad|langengrad)($|_)|^long$|geo_?(lat|lng|lon)",
                SensitiveClass.GEO_LOCATION, null);
        add("post_?code|postal_?code|zip(_?code)?$|postleitzahl|(^|_)cep$|postnummer|kod_?pocztowy|^plz$|code_?postal|codigo_?postal|(^|_)cap$|postcode",
                SensitiveClass.POSTCODE, null);
        add("first_?name|given_?name|^given$|forename|(^|_)imie$|fornamn|etunimi|middle_?name|middle_?initial|second_?name|patronymic|(^|_)f_?name$|vorname|prenom|nombre$|^nome$|voornaam",
                SensitiveClass.PERSON_NAME, "first");
        add("last_?name|surname|family_?name|^family$|(^|_)l_?name$|nachname|^nom$|apellido|cognome|achternaam|sobrenome|nazwisko|efternamn|sukunimi",
                SensitiveClass.PERSON_NAME, "last");
        add("full_?name|^name$|person_?name|customer_?name|contact_?name|_holder$|holder_?name|cardholder|"
                + "maiden|spouse|display_?name|nom_?complet|nombre_?completo", SensitiveClass.PERSON_NAME, "full");
        add("street|address|addr(ess)?_?line|strasse|stra(ss|ß)e|adresse|direccion|indirizzo|straat|rua$|"
                + "house_?(no|number)|anschrift|hausnummer|endere(c|_)o|(^|_)adres$|(^|_)adress$|(^|_)ulica$",
                SensitiveClass.ADDRESS, "street");
        add("city|town|(^|_)ort$|wohnort|woonplaats|stadt|ville|ciudad|citta|stad$|cidade|miasto", SensitiveClass.ADDRESS,
                "city");
        add("(^|_)(pass_?word|passwd|passphrase|pwd|pw_?hash|passwort|kennwort|wachtwoord|senha|contrase[nñ]a)|"
                + "mot_?de_?passe|secret(?!ar)|(^|_)token$|(api|access|secret|private|signing|encryption|client)_?key|"
                + "(^|_)salt$|credential|(^|_)otp_?(secret|seed)", SensitiveClass.SECRET, null);
        add("note|comment|remark|body|description|message|memo|instruction|bemerkung|kommentar|remarque|commentaire|"
                + "comentario|commento|opmerking|free_?text|notiz|anmerkung|beschreibung|observa(ci|c|_|zi)|"
                + "(^|_)notas?$|(^|_)notizen$|descripci(o|_)n|descri(c|_)a?o|uwagi|anteckning", SensitiveClass.FREE_TEXT, null);
        add(IDENTIFIER.pattern(), SensitiveClass.IDENTIFIER, null);
    }

    private static void add(String regex, SensitiveClass cls, String part) {
        RULES.put(Pattern.compile(regex), new NameMatch(cls, part, "name matches /" + regex.split("\\|")[0] + "…/"));
    }

    private ColumnNameClassifier() {
    }

    /** snake_case, lower case: {@code "EMail"} → {@code e_mail}, {@code "FullName"} → {@code full_name}. */
    public static String normalize(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_");
        return snake.toLowerCase(Locale.ROOT).replaceAll("^_+|_+$", "");
    }

    private static final Map<String, Optional<NameMatch>> CACHE = new ConcurrentHashMap<>();

    /** The class a name suggests, or null when the name says nothing. */
    public static NameMatch classify(String name) {
        if (CACHE.size() > 10_000) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(name, k -> Optional.ofNullable(match(k))).orElse(null);
    }

    /** Whether a name reads as a key's ({@code city_id}, {@code order_uuid}), whatever else it also names. */
    public static boolean identifierName(String name) {
        return IDENTIFIER.matcher(normalize(name)).find();
    }

    private static NameMatch match(String name) {
        String n = normalize(name);
        String flat = n.replace("_", "");
        for (Map.Entry<Pattern, NameMatch> e : RULES.entrySet()) {
            if (e.getKey().matcher(n).find() || e.getKey().matcher(flat).find()) {
                NameMatch m = e.getValue();
                return new NameMatch(m.sensitiveClass(), m.part(), "name '" + name + "' looks like " + m.sensitiveClass().id());
            }
        }
        return null;
    }
}
