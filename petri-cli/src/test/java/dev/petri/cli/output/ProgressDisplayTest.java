package dev.petri.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void rendersABuildProgressBarWithPhaseAndTable() {
        assertEquals("[#####-----] 47% masking customers", ProgressDisplay.bar(47, "masking", "customers"));
        assertEquals("[----------] 0%", ProgressDisplay.bar(0, null, null));
        assertEquals("[##########] 100% publishing", ProgressDisplay.bar(100, "publishing", ""));
        assertEquals("[#---------] 12% copying", ProgressDisplay.bar(12, "copying", null));
    }

    @Test
    void clampsPercentagesOutsideZeroToHundred() {
        assertEquals("[##########] 100%", ProgressDisplay.bar(130, null, null));
        assertEquals("[----------] 0%", ProgressDisplay.bar(-4, null, null));
    }

    @Test
    void printsAPlainLineOnlyWhenTheMessageChangesWhenNotOnATerminal() {
        StringWriter err = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), false, false, Clock.systemUTC());

        display.show("waiting");
        display.tick();
        display.show("waiting");
        display.show("building");
        display.finish();

        assertEquals("petri: waiting\npetri: building\n", err.toString());
    }

    @Test
    void redrawsOneSpinnerLineWithElapsedTimeOnATerminal() {
        StringWriter err = new StringWriter();
        MutableClock clock = new MutableClock();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), true, false, clock);

        display.show("waiting");
        clock.advance(Duration.ofSeconds(75));
        display.tick();
        display.finish();

        assertEquals("\r| waiting (0s)\u001b[K\r/ waiting (1m)\u001b[K\r\u001b[K", err.toString());
    }

    @Test
    void printsNothingWhenQuiet() {
        StringWriter err = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), true, true, Clock.systemUTC());

        display.show("waiting");
        display.finish();

        assertEquals("", err.toString());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
