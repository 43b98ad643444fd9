package dev.petri.devstack;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A demo "production" database generated with Datafaker: customers with contact details in JSON,
 * addresses, orders, payments with card numbers (also hidden under an innocent column name),
 * free-text support notes that mention emails, phones and names, a quoted mixed-case table in a
 * second schema without a primary key, and a view.
 */
public final class DemoDatabase {

    private static final int BATCH = 5_000;

    private DemoDatabase() {
    }

    /** Creates the schema and fills it: {@code customers} customers, about three orders each. */
    public static void create(Connection c, int customers, long seed) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE customers (
                      id bigserial PRIMARY KEY,
                      first_name varchar(50) NOT NULL,
                      last_name varchar(50) NOT NULL,
                      email varchar(120) NOT NULL UNIQUE,
                      phone varchar(30),
                      date_of_birth date,
                      national_id char(11),
                      contact jsonb,
                      created_at timestamptz NOT NULL DEFAULT now())""");
            st.execute("""
                    CREATE TABLE addresses (
                      id bigserial PRIMARY KEY,
                      customer_id bigint NOT NULL REFERENCES customers(id),
                      street varchar(120) NOT NULL,
                      city varchar(60) NOT NULL,
                      postcode varchar(12),
                      country char(2) NOT NULL)""");
            st.execute("""
                    CREATE TABLE orders (
                      id bigserial PRIMARY KEY,
                      customer_id bigint NOT NULL REFERENCES customers(id),
                      ordered_at timestamptz NOT NULL,
                      status varchar(12) NOT NULL CHECK (status IN ('NEW','PAID','SHIPPED','CANCELLED')),
                      total numeric(10,2) NOT NULL)""");
            st.execute("CREATE INDEX orders_customer_idx ON orders(customer_id)");
            st.execute("""
                    CREATE TABLE payments (
                      id bigserial PRIMARY KEY,
                      order_id bigint NOT NULL REFERENCES orders(id),
                      card_number varchar(19) NOT NULL,
                      card_holder varchar(100) NOT NULL,
                      amount numeric(10,2) NOT NULL,
                      ref_code varchar(32))""");
            st.execute("""
                    CREATE TABLE support_notes (
                      id bigserial PRIMARY KEY,
                      customer_id bigint REFERENCES customers(id),
                      created_at timestamptz NOT NULL,
                      body text NOT NULL)""");
            st.execute("CREATE SCHEMA crm");
            st.execute("""
                    CREATE TABLE crm."Leads" (
                      "LeadSource" varchar(20),
                      "FullName" varchar(100),
                      "EMail" varchar(120),
                      "Notes" text)""");
            st.execute("""
                    CREATE VIEW customer_order_totals AS
                      SELECT c.id, c.email, count(o.id) AS orders, coalesce(sum(o.total), 0) AS total
                      FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email""");
        }
        fill(c, customers, seed);
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    private static void fill(Connection c, int customers, long seed) throws SQLException {
        Faker faker = new Faker(Locale.US, new Random(seed));
        Random random = new Random(seed);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder cust = new StringBuilder();
        StringBuilder addr = new StringBuilder();
        StringBuilder ord = new StringBuilder();
        StringBuilder pay = new StringBuilder();
        StringBuilder notes = new StringBuilder();
        StringBuilder leads = new StringBuilder();
        long orderId = 0;
        LocalDate today = LocalDate.of(2026, 1, 1);
        for (int id = 1; id <= customers; id++) {
            String first = clean(faker.name().firstName());
            String last = clean(faker.name().lastName());
            String email = (first + "." + last + id + "@" + faker.internet().domainName()).toLowerCase(Locale.ROOT);
            String phone = faker.phoneNumber().cellPhone();
            LocalDate dob = today.minusDays(18L * 365 + random.nextInt(60 * 365));
            String ssn = faker.idNumber().ssnValid();
            String contact = "{\"email\": \"" + email + "\", \"phone\": \"" + phone + "\", \"preferences\": {\"newsletter\": "
                    + random.nextBoolean() + ", \"language\": \"en\"}}";
            row(cust, id, first, last, email, phone, dob, ssn, contact,
                    today.minusDays(random.nextInt(900)).atStartOfDay(ZoneId.of("UTC")).toOffsetDateTime());
            row(addr, id, id, clean(faker.address().streetAddress()), clean(faker.address().city()),
                    faker.address().zipCode(), "US");
            int orders = 1 + random.nextInt(5);
            for (int o = 0; o < orders; o++) {
                orderId++;
                BigDecimal total = BigDecimal.valueOf(500 + random.nextInt(50_000), 2).setScale(2, RoundingMode.UNNECESSARY);
                row(ord, orderId, id, today.minusDays(random.nextInt(700)).atStartOfDay(ZoneId.of("UTC")).toOffsetDateTime(),
                        new String[] {"NEW", "PAID", "SHIPPED", "CANCELLED"}[random.nextInt(4)], total);
                String card = faker.finance().creditCard().replaceAll("[^0-9]", "");
                row(pay, orderId, orderId, card, first + " " + last, total, random.nextInt(3) == 0 ? card : "R" + orderId);
            }
            if (id % 2 == 0) {
                row(notes, id / 2, id, today.minusDays(random.nextInt(300)).atStartOfDay(ZoneId.of("UTC")).toOffsetDateTime(),
                        "Customer " + first + " " + last + " called from " + phone + " and asked us to send the invoice to "
                                + email + ". " + clean(faker.lorem().sentence()));
            }
            if (id % 10 == 0) {
                row(leads, "web", first + " " + last, email, "Met " + first + " at the fair; phone " + phone + ".");
            }
            if (id % BATCH == 0 || id == customers) {
                copyIn(copy, "customers (id, first_name, last_name, email, phone, date_of_birth, national_id, contact, created_at)", cust);
                copyIn(copy, "addresses (id, customer_id, street, city, postcode, country)", addr);
                copyIn(copy, "orders (id, customer_id, ordered_at, status, total)", ord);
                copyIn(copy, "payments (id, order_id, card_number, card_holder, amount, ref_code)", pay);
                copyIn(copy, "support_notes (id, customer_id, created_at, body)", notes);
                copyIn(copy, "crm.\"Leads\" (\"LeadSource\", \"FullName\", \"EMail\", \"Notes\")", leads);
            }
        }
        try (Statement st = c.createStatement()) {
            for (String t : new String[] {"customers", "addresses", "orders", "payments", "support_notes"}) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT coalesce(max(id), 1) FROM " + t + "))");
            }
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace("\\", "");
    }

    private static void row(StringBuilder sb, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(values[i] == null ? "\\N" : values[i].toString());
        }
        sb.append('\n');
    }

    private static void copyIn(CopyManager copy, String target, StringBuilder rows) throws SQLException {
        if (rows.length() == 0) {
            return;
        }
        try {
            copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("copy into " + target + " failed", e);
        }
        rows.setLength(0);
    }
}
