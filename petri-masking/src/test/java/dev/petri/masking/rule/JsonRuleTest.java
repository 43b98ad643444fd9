package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRuleTest {

    private static JsonNode mask(RuleContext ctx, String doc) throws Exception {
        return new ObjectMapper().readTree(Contexts.rule(ctx, "json", Map.of(), RuleTarget.free(null)).mask(doc));
    }

    @Test
    void masksSensitiveKeysAndValuesKeepingTheDocument() throws Exception {
        RuleContext ctx = Contexts.context("k");
        String doc = "{\"email\":\"ann@shop.test\",\"mobile\":\"555-123-4567\",\"n\":1,"
                + "\"other\":{\"note\":\"call bob@shop.test\",\"tags\":[\"a\",\"4111111111111111\"]},\"lang\":\"en\"}";
        JsonNode out = mask(ctx, doc);
        assertEquals(ctx.maskEmbedded(dev.petri.masking.detect.SensitiveClass.EMAIL, "ann@shop.test"),
                out.get("email").asText(), "same as the e-mail column would get");
        assertEquals("###-###-####", out.get("mobile").asText().replaceAll("\\d", "#"));
        assertEquals(1, out.get("n").asInt());
        assertFalse(out.get("other").get("note").asText().contains("bob@shop.test"));
        assertNotEquals("4111111111111111", out.get("other").get("tags").get(1).asText());
        assertEquals("en", out.get("lang").asText());
    }

    @Test
    void masksCredentialsUnderTheirKeysInTheirOwnShape() throws Exception {
        RuleContext ctx = Contexts.context("k");
        String doc = "{\"user\":\"svc\",\"password\":\"hunter2-Secret!\",\"auth\":{\"apiKey\":\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"}}";
        JsonNode out = mask(ctx, doc);
        String password = out.get("password").asText();
        String key = out.get("auth").get("apiKey").asText();
        assertNotEquals("hunter2-Secret!", password);
        assertEquals("aaaaaa#-Aaaaaa!", password.replaceAll("[a-z]", "a").replaceAll("[A-Z]", "A").replaceAll("\\d", "#"));
        assertNotEquals("sk_live_4eC39HqLyjWDarjtT1zdp7dc", key);
        assertEquals(32, key.length());
        assertEquals("svc", out.get("user").asText());
    }

    @Test
    void aClassFromAKeyAboveHoldsOnlyForValuesThatCanBeOne() throws Exception {
        RuleContext ctx = Contexts.context("k");
        String doc = "{\"phones\":[{\"type\":\"mobile\",\"number\":\"+1 202 555 0143\",\"primary\":true,\"ext\":12},"
                + "\"+44 20 7946 0958\"],\"emails\":{\"kind\":\"work\",\"value\":\"ann@shop.test\"}}";
        JsonNode out = mask(ctx, doc);
        JsonNode phone = out.get("phones").get(0);
        assertEquals("mobile", phone.get("type").asText(), "no digits: not a phone number");
        assertNotEquals("+1 202 555 0143", phone.get("number").asText());
        assertTrue(phone.get("number").asText().matches("\\+1 \\d{3} \\d{3} \\d{4}"), phone.get("number").asText());
        assertEquals(true, phone.get("primary").asBoolean());
        assertEquals(12, phone.get("ext").asInt(), "two digits: no phone number");
        assertNotEquals("+44 20 7946 0958", out.get("phones").get(1).asText(), "the array's own elements are phones");
        assertEquals("work", out.get("emails").get("kind").asText());
        assertNotEquals("ann@shop.test", out.get("emails").get("value").asText());
    }
}
