package dev.petri.masking.detect;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reading XML values as PostgreSQL's {@code xml} type and SQL Server's hold them: a document or a fragment (several
 * elements, text between them), with or without an XML declaration. Parsed with StAX, no DTD and no external entity
 * ever resolved; a value with a DOCTYPE is not read as XML (its entities could not be kept as they are).
 */
public final class XmlDocuments {

    /** The element every value is wrapped in, so that a fragment parses as a document. */
    public static final String WRAPPER = "petri-xml-value";

    private static final XMLInputFactory INPUT = inputFactory();

    private XmlDocuments() {
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** A value split into its XML declaration (kept as it is, or empty) and the content after it. */
    public record Parts(String declaration, String content) {
    }

    /** The value's declaration and content, or null when it does not look like XML or holds a DOCTYPE. */
    public static Parts parts(String value) {
        String v = value.stripLeading();
        if (!v.startsWith("<")) {
            return null;
        }
        int lead = value.length() - v.length();
        String declaration = "";
        String content = value;
        if (v.startsWith("<?xml")) {
            int end = v.indexOf("?>");
            if (end < 0) {
                return null;
            }
            declaration = value.substring(0, lead + end + 2);
            content = value.substring(lead + end + 2);
        }
        if (content.contains("<!DOCTYPE")) {
            return null;
        }
        String t = content.strip();
        if (!t.startsWith("<") || !t.endsWith(">")) {
            return null;
        }
        return new Parts(declaration, content);
    }

    /** A reader over the content wrapped in {@link #WRAPPER}. */
    public static XMLStreamReader reader(String content) throws XMLStreamException {
        return readerOfWrapped(wrap(content));
    }

    /** The content wrapped in {@link #WRAPPER}, so that a fragment parses as a document. */
    public static String wrap(String content) {
        return "<" + WRAPPER + ">" + content + "</" + WRAPPER + ">";
    }

    /** A reader over content already {@link #wrap wrapped}; its locations' character offsets are into that text. */
    public static XMLStreamReader readerOfWrapped(String wrapped) throws XMLStreamException {
        return INPUT.createXMLStreamReader(new StringReader(wrapped));
    }
}
