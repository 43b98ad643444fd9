package dev.petri.masking.rule;

import dev.petri.masking.detect.ColumnNameClassifier;
import dev.petri.masking.detect.XmlDocuments;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Masks an XML document or fragment and keeps it well-formed with the same elements, attributes and namespaces: the
 * text of an element and the value of an attribute whose name is sensitive ({@code <email>}, {@code ssn="…"}) are
 * masked by that class, as a JSON value is by its key, and inherit their element's class where they can hold it
 * ({@code <phone><number>…</number></phone>}); other text, comments included, by its content (whole values, then as
 * free text). Streams the value with StAX; no DTD is read and no entity resolved (a value with a DOCTYPE, or one that
 * is no well-formed XML, is masked as free text). An empty element comes back as a start and an end tag, CDATA as
 * escaped text: the same XML information.
 */
public final class XmlRule implements MaskingRule {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    /** {@code xml}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("xml",
            "sensitive elements, attributes and values masked, same elements and attributes, well-formed XML",
            List.of(), EnumSet.of(ValueKind.TEXT), (ctx, params, target) -> new XmlRule(ctx));

    private final RuleContext ctx;

    XmlRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        XmlDocuments.Parts parts = XmlDocuments.parts(value);
        if (parts == null) {
            return ctx.maskText(value);
        }
        StringWriter out = new StringWriter(value.length() + 32);
        out.write(parts.declaration());
        try {
            String wrapped = XmlDocuments.wrap(parts.content());
            XMLStreamReader r = XmlDocuments.readerOfWrapped(wrapped);
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out);
            try {
                copy(r, w, wrapped);
                w.flush();
            } finally {
                r.close();
                w.close();
            }
        } catch (XMLStreamException e) {
            return ctx.maskText(value);
        }
        return out.toString();
    }

    private void copy(XMLStreamReader r, XMLStreamWriter w, String input) throws XMLStreamException {
        List<JsonRule.KeyClass> classes = new ArrayList<>();
        List<Boolean> empty = new ArrayList<>(); // per open element: written as an empty-element tag (<br/>)
        int depth = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (depth == 1) { // the wrapper
                        classes.add(null);
                        empty.add(false);
                        continue;
                    }
                    JsonRule.KeyClass above = classes.get(classes.size() - 1);
                    JsonRule.KeyClass here = classOf(r.getLocalName(), above);
                    classes.add(here);
                    // an empty-element tag stays one (<br/> is no <br></br> to an HTML reader): the reader is past the
                    // tag here, so the input just before its position tells
                    int at = r.getLocation().getCharacterOffset();
                    boolean selfClosing = at >= 2 && at <= input.length() && input.charAt(at - 1) == '>'
                            && input.charAt(at - 2) == '/';
                    empty.add(selfClosing);
                    if (selfClosing) {
                        w.writeEmptyElement(nullToEmpty(r.getPrefix()), r.getLocalName(), nullToEmpty(r.getNamespaceURI()));
                    } else {
                        w.writeStartElement(nullToEmpty(r.getPrefix()), r.getLocalName(), nullToEmpty(r.getNamespaceURI()));
                    }
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        String prefix = r.getNamespacePrefix(i);
                        if (prefix == null || prefix.isEmpty()) {
                            w.writeDefaultNamespace(r.getNamespaceURI(i));
                        } else {
                            w.writeNamespace(prefix, r.getNamespaceURI(i));
                        }
                    }
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String v = r.getAttributeValue(i);
                        JsonRule.KeyClass attribute = classOf(r.getAttributeLocalName(i), here);
                        String masked = v.isBlank() ? v : JsonRule.maskString(ctx, v, JsonRule.plausible(attribute, v));
                        String prefix = r.getAttributePrefix(i);
                        if (prefix == null || prefix.isEmpty()) {
                            w.writeAttribute(r.getAttributeLocalName(i), masked);
                        } else {
                            w.writeAttribute(prefix, r.getAttributeNamespace(i), r.getAttributeLocalName(i), masked);
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    classes.remove(classes.size() - 1);
                    if (depth > 0 && !empty.remove(empty.size() - 1)) {
                        w.writeEndElement();
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    String text = r.getText();
                    if (text.isBlank()) {
                        w.writeCharacters(text);
                    } else {
                        // the text keeps the whitespace around it (indentation) and masks what is inside
                        int start = 0;
                        int end = text.length();
                        while (Character.isWhitespace(text.charAt(start))) {
                            start++;
                        }
                        while (Character.isWhitespace(text.charAt(end - 1))) {
                            end--;
                        }
                        String inner = text.substring(start, end);
                        JsonRule.KeyClass here = classes.isEmpty() ? null : classes.get(classes.size() - 1);
                        w.writeCharacters(text.substring(0, start)
                                + JsonRule.maskString(ctx, inner, JsonRule.plausible(here, inner)) + text.substring(end));
                    }
                }
                case XMLStreamConstants.COMMENT -> w.writeComment(ctx.maskText(r.getText()));
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    String data = r.getPIData();
                    if (data == null || data.isEmpty()) {
                        w.writeProcessingInstruction(r.getPITarget());
                    } else {
                        w.writeProcessingInstruction(r.getPITarget(), data);
                    }
                }
                default -> {
                    // END_DOCUMENT, and nothing else occurs without a DTD
                }
            }
        }
    }

    /** An element's or attribute's own class when its name is sensitive, else the one of the element it is in. */
    private static JsonRule.KeyClass classOf(String localName, JsonRule.KeyClass above) {
        ColumnNameClassifier.NameMatch m = ColumnNameClassifier.classify(localName);
        if (m != null && m.sensitiveClass().sensitive()) {
            return new JsonRule.KeyClass(m, false);
        }
        return above == null ? null : new JsonRule.KeyClass(above.match(), true);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
