package dev.petri.engine.sqlserver;

import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import dev.petri.engine.sqlserver.SqlServerBulkRows.ColumnSpec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * The demo "production" database in T-SQL, the SQL Server twin of petri-devstack's DemoDatabase:
 * customers with a unique email and JSON contact details, addresses, orders with a check constraint
 * and an index, payments with card numbers (also under an innocent column name, and a computed
 * column), free-text support notes, a mixed-case table without a primary key in a second schema, and
 * a view. Rows come from Datafaker with a fixed seed and are loaded with SQLServerBulkCopy.
 */
public final class SqlServerDemoDatabase {

    /** The tables in load order, with their bulk-loaded columns. */
    static final Map<String, List<ColumnSpec>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("[dbo].[customers]", List.of(big("id"), nvarchar("first_name", 50), nvarchar("last_name", 50),
                varchar("email", 120), varchar("phone", 30), new ColumnSpec("date_of_birth", Types.DATE, 10, 0),
                varchar("national_id", 11), nvarchar("contact", 4000),
                new ColumnSpec("created_at", Types.TIMESTAMP, 23, 3)));
        COLUMNS.put("[dbo].[addresses]", List.of(big("id"), big("customer_id"), nvarchar("street", 120),
                nvarchar("city", 60), varchar("postcode", 12), varchar("country", 2)));
        COLUMNS.put("[dbo].[orders]", List.of(big("id"), big("customer_id"), new ColumnSpec("ordered_at", Types.TIMESTAMP, 19, 0),
                varchar("status", 12), new ColumnSpec("total", Types.DECIMAL, 10, 2)));
        COLUMNS.put("[dbo].[payments]", List.of(big("id"), big("order_id"), varchar("card_number", 19),
                nvarchar("card_holder", 100), new ColumnSpec("amount", Types.DECIMAL, 10, 2), varchar("ref_code", 32)));
        COLUMNS.put("[dbo].[support_notes]", List.of(big("id"), big("customer_id"),
                new ColumnSpec("created_at", Types.TIMESTAMP, 19, 0), nvarchar("body", 4000)));
        COLUMNS.put("[crm].[Leads]", List.of(varchar("LeadSource", 20), nvarchar("FullName", 100), varchar("EMail", 120),
                nvarchar("Notes", 4000)));
    }

    private SqlServerDemoDatabase() {
    }

    /** The DDL of the demo schema, one batch per statement. */
    static List<String> schemaStatements() {
        return List.of("""
                CREATE TABLE dbo.customers (
                  id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_customers PRIMARY KEY,
                  first_name nvarchar(50) NOT NULL,
                  last_name nvarchar(50) NOT NULL,
                  email varchar(120) NOT NULL CONSTRAINT UQ_customers_email UNIQUE,
                  phone varchar(30) NULL,
                  date_of_birth date NULL,
                  national_id char(11) NULL,
                  contact nvarchar(max) NULL CONSTRAINT CK_customers_contact_json CHECK (contact IS NULL OR ISJSON(contact) = 1),
                  created_at datetime2(3) NOT NULL CONSTRAINT DF_customers_created_at DEFAULT SYSUTCDATETIME())""",
                """
                CREATE TABLE dbo.addresses (
                  id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_addresses PRIMARY KEY,
                  customer_id bigint NOT NULL CONSTRAINT FK_addresses_customers REFERENCES dbo.customers (id),
                  street nvarchar(120) NOT NULL,
                  city nvarchar(60) NOT NULL,
                  postcode varchar(12) NULL,
                  country char(2) NOT NULL)""",
                """
                CREATE TABLE dbo.orders (
                  id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_orders PRIMARY KEY,
                  customer_id bigint NOT NULL CONSTRAINT FK_orders_customers REFERENCES dbo.customers (id),
                  ordered_at datetime2(0) NOT NULL,
                  status varchar(12) NOT NULL CONSTRAINT CK_orders_status CHECK (status IN ('NEW', 'PAID', 'SHIPPED', 'CANCELLED')),
                  total decimal(10, 2) NOT NULL)""",
                "CREATE INDEX orders_customer_idx ON dbo.orders (customer_id) INCLUDE (total)",
                """
                CREATE TABLE dbo.payments (
                  id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_payments PRIMARY KEY,
                  order_id bigint NOT NULL CONSTRAINT FK_payments_orders REFERENCES dbo.orders (id),
                  card_number varchar(19) NOT NULL,
                  card_holder nvarchar(100) NOT NULL,
                  amount decimal(10, 2) NOT NULL,
                  ref_code varchar(32) NULL,
                  card_last4 AS RIGHT(card_number, 4))""",
                """
                CREATE TABLE dbo.support_notes (
                  id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_support_notes PRIMARY KEY,
                  customer_id bigint NULL CONSTRAINT FK_support_notes_customers REFERENCES dbo.customers (id),
                  created_at datetime2(0) NOT NULL,
                  body nvarchar(max) NOT NULL)""",
                "CREATE SCHEMA crm",
                """
                CREATE TABLE crm.[Leads] (
                  [LeadSource] varchar(20) NULL,
                  [FullName] nvarchar(100) NULL,
                  [EMail] varchar(120) NULL,
                  [Notes] nvarchar(max) NULL)""",
                """
                CREATE VIEW dbo.customer_order_totals AS
                  SELECT c.id, c.email, COUNT(o.id) AS orders, COALESCE(SUM(o.total), 0) AS total
                  FROM dbo.customers c LEFT JOIN dbo.orders o ON o.customer_id = c.id GROUP BY c.id, c.email""");
    }

    /** Generates the rows of every table, keyed like {@link #COLUMNS}: {@code customers} customers, 1-5 orders each. */
    static Map<String, List<Object[]>> rows(int customers, long seed) {
        Faker faker = new Faker(Locale.US, new Random(seed));
        Random random = new Random(seed);
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        COLUMNS.keySet().forEach(t -> rows.put(t, new ArrayList<>()));
        LocalDate today = LocalDate.of(2026, 1, 1);
        long orderId = 0;
        for (long id = 1; id <= customers; id++) {
            String first = faker.name().firstName();
            String last = faker.name().lastName();
            String email = (first + "." + last + id + "@" + faker.internet().domainName()).toLowerCase(Locale.ROOT)
                    .replace("'", "").replace(" ", "");
            String phone = faker.phoneNumber().cellPhone();
            String contact = "{\"email\": \"" + email + "\", \"phone\": \"" + phone + "\", \"preferences\": {\"newsletter\": "
                    + random.nextBoolean() + ", \"language\": \"en\"}}";
            rows.get("[dbo].[customers]").add(new Object[] {id, first, last, email, phone,
                    today.minusDays(18L * 365 + random.nextInt(60 * 365)).toString(), faker.idNumber().ssnValid(), contact,
                    today.minusDays(random.nextInt(900)) + " 08:30:00.000"});
            rows.get("[dbo].[addresses]").add(new Object[] {id, id, faker.address().streetAddress(), faker.address().city(),
                    faker.address().zipCode(), "US"});
            int orders = 1 + random.nextInt(5);
            for (int o = 0; o < orders; o++) {
                orderId++;
                BigDecimal total = BigDecimal.valueOf(500 + random.nextInt(50_000), 2);
                rows.get("[dbo].[orders]").add(new Object[] {orderId, id, today.minusDays(random.nextInt(700)) + " 12:00:00",
                        new String[] {"NEW", "PAID", "SHIPPED", "CANCELLED"}[random.nextInt(4)], total});
                String card = faker.finance().creditCard().replaceAll("[^0-9]", "");
                rows.get("[dbo].[payments]").add(new Object[] {orderId, orderId, card, first + " " + last, total,
                        random.nextInt(3) == 0 ? card : "R" + orderId});
            }
            if (id % 2 == 0) {
                rows.get("[dbo].[support_notes]").add(new Object[] {id / 2, id, today.minusDays(random.nextInt(300)) + " 09:15:00",
                        "Customer " + first + " " + last + " called from " + phone + " and asked us to send the invoice to "
                                + email + ". " + faker.lorem().sentence()});
            }
            if (id % 10 == 0) {
                rows.get("[crm].[Leads]").add(new Object[] {"web", first + " " + last, email,
                        "Met " + first + " at the fair; phone " + phone + "."});
            }
        }
        return rows;
    }

    /** Creates the schema in the connection's database and bulk-loads the rows. */
    public static void create(Connection c, int customers, long seed) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : schemaStatements()) {
                st.execute(sql);
            }
        }
        for (Map.Entry<String, List<Object[]>> table : rows(customers, seed).entrySet()) {
            List<ColumnSpec> columns = COLUMNS.get(table.getKey());
            SQLServerBulkCopyOptions options = new SQLServerBulkCopyOptions();
            options.setKeepIdentity(true);
            options.setKeepNulls(true);
            options.setTableLock(true);
            options.setCheckConstraints(true);
            try (SQLServerBulkCopy bulk = new SQLServerBulkCopy(c)) {
                bulk.setBulkCopyOptions(options);
                bulk.setDestinationTableName(table.getKey());
                for (int i = 0; i < columns.size(); i++) {
                    bulk.addColumnMapping(i + 1, columns.get(i).name());
                }
                bulk.writeToServer(new SqlServerBulkRows(columns, table.getValue().iterator()));
            }
        }
    }

    private static ColumnSpec big(String name) {
        return new ColumnSpec(name, Types.BIGINT, 19, 0);
    }

    private static ColumnSpec varchar(String name, int length) {
        return new ColumnSpec(name, Types.VARCHAR, length, 0);
    }

    private static ColumnSpec nvarchar(String name, int length) {
        return new ColumnSpec(name, Types.NVARCHAR, length, 0);
    }
}
