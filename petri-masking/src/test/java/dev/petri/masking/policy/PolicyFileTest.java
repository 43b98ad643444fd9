package dev.petri.masking.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyFileTest {

    @Test
    void roundTripsThroughYaml() {
        Policy p = new Policy(List.of(new ColumnPolicy("crm", "Leads", "EMail", "email", "email",
                Map.of("domains", "example.org"), "name 'EMail' looks like email")));
        String yaml = PolicyFile.format(p);
        assertTrue(yaml.contains("table: Leads"), yaml);
        assertEquals(p, PolicyFile.parse(yaml));
    }

    @Test
    void rejectsMalformedPolicies() {
        assertThrows(PolicyException.class, () -> PolicyFile.parse("columns: 3"));
        assertThrows(PolicyException.class, () -> PolicyFile.parse("columns:\n  - table: t\n    column: c"));
        assertThrows(PolicyException.class, () -> PolicyFile.parse("version: 2"));
        assertThrows(PolicyException.class, () -> PolicyFile.parse("colums: []"));
    }

    @Test
    void rejectsAnUnknownKeyInsideAnEntryNamingTheKeyAndTheColumn() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyFile.parse(
                "version: 1\ncolumns:\n  - schema: s\n    table: t\n    column: c\n    rulee: free_text\n"));
        assertTrue(e.getMessage().contains("'rulee'"), e.getMessage());
        assertTrue(e.getMessage().contains("s.t.c"), e.getMessage());
        assertThrows(PolicyException.class, () -> Policy.fromMap(Map.of("columns", List.of(
                Map.of("schema", "s", "table", "t", "column", "c", "clas", "email")))));
    }

    @Test
    void namesTheLineOfAYamlSyntaxError() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyFile.parse(
                "version: 1\ncolumns:\n  - schema: s\n    table: [t\n"));
        assertTrue(e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void checkFlagsUnclassifiedAndUnmaskedSensitiveColumns() {
        Policy proposed = new Policy(List.of(
                new ColumnPolicy("s", "t", "email", "email", "email", Map.of(), null),
                new ColumnPolicy("s", "t", "phone", "phone", "phone", Map.of(), null),
                new ColumnPolicy("s", "t", "id", "identifier", "keep", Map.of(), null)));
        Policy committed = new Policy(List.of(
                new ColumnPolicy("s", "t", "email", "email", "keep", Map.of(), null),
                new ColumnPolicy("s", "t", "id", "identifier", "keep", Map.of(), null),
                new ColumnPolicy("s", "t", "gone", "not_sensitive", "keep", Map.of(), null)));
        List<String> problems = PolicyCheck.check(committed, proposed).stream()
                .map(p -> p.column() + ": " + p.problem()).toList();
        assertEquals(List.of("email: sensitive column (email) has no masking rule",
                "phone: column is not in the policy (classified as phone)",
                "gone: policy names a column that does not exist"), problems);
    }

    @Test
    void aGeneratedSensitiveColumnWithoutARulePassesAndARuleForItIsFlagged() {
        Policy proposed = new Policy(List.of(
                new ColumnPolicy("s", "t", "full_name", "person_name", "person_name", Map.of(), null),
                new ColumnPolicy("s", "t", "name_upper", "person_name", "keep", Map.of(), "generated", true)));
        Policy reread = PolicyFile.parse(PolicyFile.format(proposed));
        assertTrue(reread.find("s", "t", "name_upper").generated());
        assertEquals(List.of(), PolicyCheck.check(reread, proposed));

        Policy claimsGenerated = new Policy(List.of(
                new ColumnPolicy("s", "t", "full_name", "person_name", "keep", Map.of(), null, true),
                new ColumnPolicy("s", "t", "name_upper", "person_name", "redact", Map.of(), null, true)));
        List<String> problems = PolicyCheck.check(claimsGenerated, proposed).stream()
                .map(p -> p.column() + ": " + p.problem()).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("full_name: sensitive column (person_name) has no masking rule"),
                "a file cannot make a column generated: the catalog decides");
        assertTrue(problems.get(1).startsWith("name_upper: generated column"), problems.get(1));
    }
}
