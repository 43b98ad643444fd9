package dev.petri.masking;

import java.util.Map;

/** A masking run failed; the report says where, without values. */
public class MaskingException extends RuntimeException {

    private final String kind;
    private final transient Map<String, Object> report;

    public MaskingException(String kind, String message, Map<String, Object> report, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.report = report;
    }

    /** Stable name: {@code leak-found}, {@code policy}, {@code constraint} ... */
    public String kind() {
        return kind;
    }

    /** The masking report as far as it got (may be null). */
    public Map<String, Object> report() {
        return report;
    }
}
