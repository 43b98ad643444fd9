package dev.petri.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the one error body every Petri service answers with.
 *
 * @param type     stable URI naming the kind of problem
 * @param title    short human summary of that kind
 * @param status   HTTP status
 * @param detail   what went wrong this time, without stack traces, class names or secrets
 * @param instance the request path
 * @param errors   per-field messages, when validation failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      Map<String, String> errors) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Prefix of every problem type URI. */
    public static final String TYPE_PREFIX = "https://petri.dev/problems/";
}
