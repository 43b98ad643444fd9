package dev.petri.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 2h}, {@code 30m}, {@code 1d}, {@code 1h30m}) or as ISO-8601 ({@code PT2H}). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:\\d+[dhms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private Durations() {
    }

    /** Parses a positive duration; throws {@link IllegalArgumentException} with a helpful message otherwise. */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        if (value.startsWith("p")) {
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        } else if (SHORT.matcher(value).matches()) {
            duration = Duration.ZERO;
            Matcher part = PART.matcher(value);
            while (part.find()) {
                long amount;
                try {
                    amount = Long.parseLong(part.group(1));
                } catch (NumberFormatException e) {
                    throw invalid(text);
                }
                duration = duration.plus(switch (part.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                });
            }
        } else {
            throw invalid(text);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive: '" + text + "'");
        }
        return duration;
    }

    /** A short human form: {@code 2d3h}, {@code 7h59m}, {@code 45s}. */
    public static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m";
        }
        return seconds + "s";
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration '" + text
                + "': use e.g. 30m, 2h, 1d, 1h30m or ISO-8601 like PT2H");
    }
}
