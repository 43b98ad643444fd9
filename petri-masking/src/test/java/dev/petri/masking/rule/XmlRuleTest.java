package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.ContentClassifier;
import dev.petri.masking.detect.SensitiveClass;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class XmlRuleTest {

    private static String mask(RuleContext ctx, String doc) {
        return Contexts.rule(ctx, "xml", Map.of(), RuleTarget.free(null)).mask(doc);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document d, String element) {
        return d.getElementsByTagNameNS("*", element).item(0).getTextContent();
    }

    @Test
    void masksSensitiveElementsAttributesAndTextsKeepingTheDocument() throws Exception {
        RuleContext ctx = Contexts.context("k");
        String doc = """
                <?xml version="1.0" encoding="UTF-8"?>
                <customer id="42" ssn="078-05-1120">
                  <first_name>Zebulon</first_name>
                  <email>zeb@shop.test</email>
                  <phones><phone type="mobile">555-123-4567</phone></phones>
                  <!-- called zeb@shop.test on Monday -->
                  <notes><![CDATA[card 4111 1111 1111 1111 & more]]></notes>
                  <status>active</status>
                </customer>""";
        String out = mask(ctx, doc);
        assertTrue(out.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<customer"), out);
        Document d = parse(out);
        assertEquals("42", d.getDocumentElement().getAttribute("id"), "an id is kept");
        assertNotEquals("078-05-1120", d.getDocumentElement().getAttribute("ssn"));
        assertEquals("###-##-####", d.getDocumentElement().getAttribute("ssn").replaceAll("\\d", "#"));
        assertNotEquals("Zebulon", text(d, "first_name"), "a name by its element, though no source holds it");
        assertEquals(ctx.maskEmbedded(SensitiveClass.EMAIL, "zeb@shop.test"), text(d, "email"), "as an e-mail column");
        assertEquals("###-###-####", text(d, "phone").replaceAll("\\d", "#"));
        assertNotEquals("555-123-4567", text(d, "phone"));
        assertEquals("mobile", ((org.w3c.dom.Element) d.getElementsByTagName("phone").item(0)).getAttribute("type"));
        assertFalse(out.contains("zeb@shop.test"), "nor in the comment: " + out);
        assertFalse(text(d, "notes").contains("4111 1111 1111 1111"), text(d, "notes"));
        assertTrue(text(d, "notes").endsWith(" & more"), "the rest of a text is kept: " + text(d, "notes"));
        assertEquals("active", text(d, "status"));
        assertEquals(out, mask(ctx, doc), "deterministic");
    }

    @Test
    void keepsFragmentsNamespacesEmptyElementsAndTheTextAroundValues() throws Exception {
        RuleContext ctx = Contexts.context("k");
        String fragment = "<p:contact xmlns:p=\"urn:people\"><p:name> Ann Lee </p:name><br/><p:tag/></p:contact>"
                + "<contact><name>Bob Ray</name></contact>";
        String out = mask(ctx, fragment);
        parse("<r>" + out + "</r>"); // well-formed: throws otherwise
        assertTrue(out.startsWith("<p:contact xmlns:p=\"urn:people\"><p:name> "), out);
        assertTrue(out.contains("</p:name><br/><p:tag/></p:contact><contact><name>"), "empty elements stay empty: " + out);
        assertFalse(out.contains("Ann") || out.contains("Lee") || out.contains("Bob") || out.contains("Ray"), out);
    }

    @Test
    void aValueThatIsNoWellFormedXmlOrHasADoctypeIsMaskedAsFreeText() {
        RuleContext ctx = Contexts.context("k");
        for (String v : List.of("<note>call ann@shop.test<note>", "plain ann@shop.test",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e; ann@shop.test</x>")) {
            String out = mask(ctx, v);
            assertFalse(out.contains("ann@shop.test"), out);
            assertFalse(out.contains("root:"), "no entity is ever resolved: " + out);
        }
    }

    @Test
    void aColumnOfXmlDocumentsIsClassifiedByItsElementsAndAColumnOfOtherTextIsNot() {
        List<String> docs = List.of("<order><customer_name>Ann Lee</customer_name><total>12.50</total></order>",
                "<order><customer_name>Bob Ray</customer_name><total>9.00</total></order>");
        var c = ContentClassifier.classify(ValueKind.TEXT, docs, LocalDate.of(2026, 1, 1));
        assertEquals(SensitiveClass.XML, c.sensitiveClass(), c.evidence());
        assertTrue(c.evidence().contains("element 'customer_name' (person_name)"), c.evidence());
        List<String> settings = List.of("<config><theme>dark</theme></config>", "<config><theme>light</theme></config>");
        assertEquals(null, ContentClassifier.classify(ValueKind.TEXT, settings, LocalDate.of(2026, 1, 1)),
                "XML without personal data is not sensitive by content");
    }
}
