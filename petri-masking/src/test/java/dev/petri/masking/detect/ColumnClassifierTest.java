package dev.petri.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.rule.ValueKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnClassifierTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

    @Test
    void findsCardsUnderAnInnocentNameByContent() {
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            sample.add(i % 3 == 0 ? "4111111111111111" : "R" + i);
        }
        Classification c = ColumnClassifier.classify("ref_code", ValueKind.TEXT, false, sample, TODAY);
        assertEquals(SensitiveClass.PAYMENT_CARD, c.sensitiveClass());
        assertTrue(c.evidence().startsWith("content: 30 of 90"), c.evidence());
    }

    @Test
    void findsJsonWithSensitiveKeysAndFreeTextWithContactDetails() {
        Classification json = ColumnClassifier.classify("payload", ValueKind.JSON, false,
                List.of("{\"mail\": {\"email\": \"a@b.test\"}}", "{\"x\": 1}"), TODAY);
        assertEquals(SensitiveClass.JSON, json.sensitiveClass());
        Classification text = ColumnClassifier.classify("remarks_2", ValueKind.TEXT, false,
                List.of("please call 555-123-4567 tomorrow", "all fine here, nothing to add"), TODAY);
        assertEquals(SensitiveClass.FREE_TEXT, text.sensitiveClass());
    }

    @Test
    void findsCredentialsUnderAnInnocentNameByTheirFormat() {
        List<String> hashes = List.of(
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "$2b$12$KIXQJ0C1bF7mFqzS0pWc3uXQ5V8pY6eY1r3w9Xh2L0aBcDeFgHiJk",
                "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
                "pbkdf2_sha256$600000$abcdefgh12345678$Zm9vYmFyYmF6cXV4cXV1eHh5eno=",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U");
        Classification c = ColumnClassifier.classify("col7", ValueKind.TEXT, false, hashes, TODAY);
        assertEquals(SensitiveClass.SECRET, c.sensitiveClass(), c.evidence());
        assertEquals("shape", c.sensitiveClass().defaultRule());
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("col8", ValueKind.TEXT, false,
                List.of("$20 off", "eyJ", "AKIA", "pending", "done"), TODAY).sensitiveClass());
    }

    @Test
    void namesWithSomeEMailAddressesAndPhonesAmongThemAreNamesAndEMailsWithAFewNamesAreEMails() {
        List<String> contacts = List.of("Ann Lee", "ann.lee@mail.test", "Bob Miller", "+1 206 555 0143", "Carla Diaz",
                "dan@shop.test", "Finn Wolf", "Eve Stone");
        Classification c = ColumnClassifier.classify("people", ValueKind.TEXT, false, contacts, TODAY);
        assertEquals(SensitiveClass.PERSON_NAME, c.sensitiveClass(), c.evidence());
        List<String> mails = List.of("a@b.test", "c@d.test", "e@f.test", "Ann Lee", "g@h.test");
        assertEquals(SensitiveClass.EMAIL, ColumnClassifier.classify("people", ValueKind.TEXT, false, mails, TODAY)
                .sensitiveClass());
    }

    @Test
    void findsGivenNamesAloneUnderAnInnocentNameByContent() {
        List<String> given = List.of("James", "Maria", "Robert", "Linda", "Michael", "Anna", "David", "Susan", "Zyxw",
                "Qrst");
        Classification c = ColumnClassifier.classify("col3", ValueKind.TEXT, false, given, TODAY);
        assertEquals(SensitiveClass.PERSON_NAME, c.sensitiveClass(), c.evidence());
        assertEquals("first", c.part());
        assertTrue(c.evidence().contains("8 of 10"), c.evidence());
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("col4", ValueKind.TEXT, false,
                List.of("Pending", "Shipped", "Red", "Green", "May", "June", "Delivered", "Cancelled"), TODAY)
                .sensitiveClass());
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("col5", ValueKind.TEXT, false,
                List.of("james", "maria", "robert", "linda"), TODAY).sensitiveClass());
    }

    @Test
    void findsBirthDatesByContentAndKeepsKeysAsIdentifiers() {
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            dates.add(LocalDate.of(1950 + i * 2, 1 + i % 12, 1 + i).toString());
        }
        assertEquals(SensitiveClass.DATE_OF_BIRTH, ColumnClassifier.classify("d1", ValueKind.DATE, false, dates, TODAY)
                .sensitiveClass());
        assertEquals(SensitiveClass.IDENTIFIER, ColumnClassifier.classify("customer_id", ValueKind.NUMBER, true,
                List.of("1", "2"), TODAY).sensitiveClass());
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("status", ValueKind.TEXT, false,
                List.of("NEW", "PAID"), TODAY).sensitiveClass());
    }

    @Test
    void aNameCountsOnlyWhenTheColumnsTypeCanHoldTheClass() {
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("email_verified", ValueKind.OTHER, false,
                List.of("true", "false"), TODAY).sensitiveClass(), "a boolean holds no e-mail address");
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("EmailPromotion", ValueKind.NUMBER, false,
                List.of("0", "1", "2"), TODAY).sensitiveClass(), "an integer holds no e-mail address");
        Classification confirmed = ColumnClassifier.classify("phone_confirmed_at", ValueKind.DATE, false,
                List.of("2024-03-01 10:00:00"), TODAY);
        assertEquals(SensitiveClass.NOT_SENSITIVE, confirmed.sensitiveClass(), "a timestamp holds no phone number");
        assertTrue(confirmed.evidence().contains("cannot hold"), confirmed.evidence());
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("last_name_changed", ValueKind.OTHER, false,
                null, TODAY).sensitiveClass());
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("created_by", ValueKind.NUMBER, false,
                List.of("17"), TODAY).sensitiveClass(), "a user's number is no user name");
        assertEquals(SensitiveClass.EMAIL, ColumnClassifier.classify("created_by", ValueKind.TEXT, false,
                List.of("ann@shop.test", "bob@shop.test"), TODAY).sensitiveClass(), "e-mails by content");
        assertEquals(SensitiveClass.DATE_OF_BIRTH, ColumnClassifier.classify("birth_year", ValueKind.NUMBER, false,
                List.of("1970"), TODAY).sensitiveClass(), "a year of birth is a date of birth (moved by whole years)");
        assertEquals(SensitiveClass.IBAN, ColumnClassifier.classify("account_number", ValueKind.NUMBER, false,
                List.of("40012345678", "40087654321"), TODAY).sensitiveClass(), "a bank account number kept as a number");
        assertEquals(SensitiveClass.IDENTIFIER, ColumnClassifier.classify("bank_account_id", ValueKind.NUMBER, false,
                List.of("17", "18"), TODAY).sensitiveClass(), "the key of a bank account row");
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("birth_weight", ValueKind.NUMBER, false,
                List.of("3400", "2950", "4100"), TODAY).sensitiveClass(), "numbers that are no dates");

        assertEquals(SensitiveClass.PHONE, ColumnClassifier.classify("phone", ValueKind.NUMBER, false,
                List.of("4155550123"), TODAY).sensitiveClass(), "a phone number stored as a number is still one");
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("phone_count", ValueKind.NUMBER, false,
                List.of("0", "1", "2", "1"), TODAY).sensitiveClass(), "counts are no phone numbers");
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("card_type", ValueKind.NUMBER, false,
                List.of("1", "2"), TODAY).sensitiveClass());
        assertEquals(SensitiveClass.NATIONAL_ID, ColumnClassifier.classify("ssn", ValueKind.NUMBER, false,
                List.of("123456789", "987654321"), TODAY).sensitiveClass());
        assertEquals(SensitiveClass.PHONE, ColumnClassifier.classify("phone", ValueKind.NUMBER, false,
                null, TODAY).sensitiveClass(), "no sample: the name holds");
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("phone_type", ValueKind.TEXT, false,
                List.of("mobile", "home", "work", "mobile"), TODAY).sensitiveClass(), "labels about phones");
        assertEquals(SensitiveClass.NOT_SENSITIVE, ColumnClassifier.classify("email_status", ValueKind.TEXT, false,
                List.of("bounced", "verified", "pending", "verified", "verified", "bounced"), TODAY).sensitiveClass());
        assertEquals(SensitiveClass.PHONE, ColumnClassifier.classify("phone", ValueKind.TEXT, false,
                List.of("n/a", "call me", "ask Bob"), TODAY).sensitiveClass(), "two real values are too few to tell");
        assertEquals(SensitiveClass.EMAIL, ColumnClassifier.classify("email", ValueKind.TEXT, false,
                List.of("ann at shop dot test", "bob at shop dot test", "cy at shop dot test"), TODAY).sensitiveClass(),
                "addresses typed out are no labels");
        assertEquals(SensitiveClass.EMAIL, ColumnClassifier.classify("email", ValueKind.TEXT, false,
                null, TODAY).sensitiveClass());
        assertEquals(SensitiveClass.SECRET, ColumnClassifier.classify("password_hash", ValueKind.OTHER, false,
                null, TODAY).sensitiveClass(), "a bytea hash is still a credential");
    }
}
