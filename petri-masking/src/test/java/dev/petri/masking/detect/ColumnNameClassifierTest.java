package dev.petri.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ColumnNameClassifierTest {

    private static String cls(String name) {
        ColumnNameClassifier.NameMatch m = ColumnNameClassifier.classify(name);
        return m == null ? null : m.sensitiveClass().id() + (m.part() == null ? "" : ":" + m.part());
    }

    @Test
    void hardwareAddressesByTheirNamesButNotWordsThatStartLikeThem() {
        for (String name : new String[] {"mac", "mac_address", "MacAddr", "device_mac", "wifi_mac", "hw_addr", "bssid",
                "hardwareAddress", "adresse_mac"}) {
            assertEquals("mac_address", cls(name), name);
        }
        assertEquals("address:street", cls("email_address".substring(6)), "a plain address is still a street");
        assertNotEquals("mac_address", cls("machine"));
        assertNotEquals("mac_address", cls("mac_os_version"));
        assertNotEquals("mac_address", cls("stomach"));
    }

    @Test
    void readsNamesInSeveralLanguagesAndCases() {
        assertEquals("email", cls("EMail"));
        assertEquals("email", cls("courriel"));
        assertEquals("person_name:full", cls("FullName"));
        assertEquals("person_name:first", cls("Vorname"));
        assertEquals("person_name:last", cls("apellido"));
        assertEquals("person_name:first", cls("fname"));
        assertEquals("person_name:first", cls("given"));
        assertEquals("person_name:last", cls("LName"));
        assertEquals("person_name:last", cls("family"));
        assertEquals("person_name:full", cls("card_holder"));
        assertEquals("payment_card", cls("card_number"));
        assertEquals("national_id", cls("national_id"));
        assertEquals("national_id", cls("codice_fiscale"));
        assertEquals("phone", cls("Telefonnummer".substring(0, 7)));
        assertEquals("date_of_birth", cls("geburtsdatum"));
        assertEquals("postcode", cls("zip"));
        assertEquals("address:city", cls("ville"));
        assertEquals("free_text", cls("Notes"));
        assertEquals("identifier", cls("customer_id"));
        assertEquals("postcode", cls("PostalCode"));
        assertEquals("postcode", cls("ship_postal_code"));
        assertEquals("person_name:first", cls("middlename"));
        assertEquals("person_name:first", cls("middle_initial"));
        assertEquals("national_id", cls("numero_secu"));
        assertEquals("national_id", cls("nhs_number"));
        assertEquals("national_id", cls("NationalIDNumber"));
        assertEquals("ip_address", cls("client_ip_address"));
        assertEquals("ip_address", cls("IPAddress"));
        assertEquals("address:street", cls("ship_address"), "sh-ip-address is a street address");
        assertEquals("address:street", cls("shipAddress"));
        for (String phone : new String[] {"Telefonnummer", "telefoonnummer", "telefone", "mobil", "Mobilnummer", "movil",
            "rufnummer"}) {
            assertEquals("phone", cls(phone), phone);
        }
        assertEquals("address:street", cls("Anschrift"));
        assertEquals("address:street", cls("endereço"));
        assertEquals("address:city", cls("Wohnort"));
        assertEquals("address:city", cls("woonplaats"));
        assertEquals("postcode", cls("cep"));
        assertEquals("person_name:first", cls("imie"));
        assertEquals("person_name:last", cls("nazwisko"));
        assertEquals("person_name:last", cls("efternamn"));
        assertEquals("date_of_birth", cls("data_urodzenia"));
        for (String text : new String[] {"Notiz", "Anmerkung", "observaciones", "observações", "nota", "notas",
            "descripción", "descrição", "uwagi", "delivery_instructions", "special_instruction"}) {
            assertEquals("free_text", cls(text), text);
        }
    }

    @Test
    void findsCredentialsBeforeKeysAndIdentifiers() {
        for (String name : new String[] {"password", "encrypted_password", "PasswordHash", "passwd", "pwd", "Kennwort",
            "mot_de_passe", "api_key", "apiKey", "secret_key", "client_secret", "private_key", "reset_token",
            "refreshToken", "token", "salt", "aws_credentials", "otp_secret"}) {
            assertEquals("secret", cls(name), name);
        }
        assertEquals("identifier", cls("key"));
        assertEquals("identifier", cls("tenant_key"));
        assertEquals("national_id", cls("passport_number"));
        for (String name : new String[] {"drivers_license", "DriversLicenseNumber", "driver_licence_no", "driving_licence",
            "dl_number", "Fuehrerschein"}) {
            assertEquals("national_id", cls(name), name);
        }
        assertEquals("identifier", cls("license_key"), "a software licence");
        for (String name : new String[] {"mrn", "patient_mrn", "medical_record_number", "MedicalRecordNo",
            "insurance_member_id", "insurance_number", "health_plan_id", "beneficiary_number", "policy_number"}) {
            assertEquals("national_id", cls(name), name);
        }
        assertEquals("identifier", cls("policy_id"), "a key of a policies table");
        for (String name : new String[] {"account_no", "AccountNumber", "acct_num", "bank_account"}) {
            assertEquals("iban", cls(name), name);
        }
        assertEquals("identifier", cls("account_id"));
        assertNull(cls("licence_type"));
        assertNull(cls("secretary"));
        assertNull(cls("token_count"));
        assertNull(cls("bypass_window"));
    }

    @Test
    void findsCoordinates() {
        for (String name : new String[] {"lat", "latitude", "Longitude", "lng", "lon", "home_lat", "geo_lng", "lat_deg",
            "HomeLatitude", "long", "Breitengrad"}) {
            assertEquals("geo_location", cls(name), name);
        }
        for (String name : new String[] {"latency", "lateral", "plateau", "long_description", "longest", "salon",
            "colon", "translation", "is_long"}) {
            assertNotEquals("geo_location", cls(name), name);
        }
    }

    @Test
    void findsUserNamesAndLogins() {
        for (String name : new String[] {"username", "UserName", "user_name", "login", "loginName", "nickname", "handle",
            "screen_name", "Benutzername", "github_username", "LoginID", "login_id", "user_login", "created_by", "modifiedBy",
            "twitter_handle", "TwitterHandle", "instagram", "github", "telegram_username", "discord_name", "slack_handle"}) {
            assertEquals("username", cls(name), name);
        }
        assertNull(cls("last_login"));
        assertNull(cls("login_count"));
        assertNull(cls("handler"));
        assertNull(cls("user_agent"));
        assertNull(cls("sorted_by"));
        assertNull(cls("github_url"), "a profile URL is text, found by the names in it");
        assertNull(cls("twitter_followers"));
    }

    @Test
    void saysNothingAboutInnocentNames() {
        assertNull(cls("ref_code"));
        assertNull(cls("status"));
        assertNull(cls("cancelled_at"));
        assertNull(cls("hotel"));
        assertNull(cls("sort_order"));
        assertNull(cls("file_name"));
        assertNull(cls("product_family"));
        assertNull(cls("given_at"));
        assertNull(cls("mobility"));
        assertNull(cls("concept"));
        assertNull(cls("report"));
    }
}
