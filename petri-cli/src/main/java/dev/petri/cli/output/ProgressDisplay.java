package dev.petri.cli.output;

import dev.petri.cli.Durations;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Shows what {@code petri up} or {@code petri build} is waiting for on stderr: a spinner with elapsed time on a terminal, plain lines on changes otherwise. */
public final class ProgressDisplay {

    private static final String SPINNER = "|/-\\";
    private static final int BAR_WIDTH = 10;
    private static final long TICK_MILLIS = 100;

    private final PrintWriter err;
    private final boolean interactive;
    private final boolean quiet;
    private final Clock clock;
    private final Instant started;
    private String message = "";
    private String lastPrinted;
    private int frame;
    private boolean drawn;

    public ProgressDisplay(PrintWriter err, boolean interactive, boolean quiet, Clock clock) {
        this.err = err;
        this.interactive = interactive;
        this.quiet = quiet;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** A progress bar such as {@code [#####-----] 47% masking customers}. */
    public static String bar(int percent, String phase, String table) {
        int clamped = Math.max(0, Math.min(100, percent));
        int filled = Math.round(clamped * BAR_WIDTH / 100f);
        StringBuilder text = new StringBuilder("[")
                .append("#".repeat(filled))
                .append("-".repeat(BAR_WIDTH - filled))
                .append("] ")
                .append(clamped)
                .append('%');
        if (phase != null && !phase.isBlank()) {
            text.append(' ').append(phase);
        }
        if (table != null && !table.isBlank()) {
            text.append(' ').append(table);
        }
        return text.toString();
    }

    /** Sets what is being waited for and shows it. */
    public void show(String newMessage) {
        this.message = newMessage;
        tick();
    }

    /** Redraws: advances the spinner on a terminal; prints a line only when the message changed otherwise. */
    public void tick() {
        if (quiet) {
            return;
        }
        if (interactive) {
            char spin = SPINNER.charAt(frame++ % SPINNER.length());
            err.print("\r" + spin + " " + message + " (" + Durations.human(elapsed()) + ")\u001b[K");
            err.flush();
            drawn = true;
        } else if (!message.equals(lastPrinted)) {
            err.println("petri: " + message);
            err.flush();
            lastPrinted = message;
        }
    }

    /** Clears the spinner line so that what follows starts on a clean line. */
    public void finish() {
        if (interactive && drawn) {
            err.print("\r\u001b[K");
            err.flush();
            drawn = false;
        }
    }

    /**
     * Waits, redrawing the spinner every tenth of a second.
     *
     * @throws InterruptedException when the thread is interrupted (its flag set again)
     */
    public void pause(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left, TICK_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw e;
            }
            tick();
        }
    }

    /** Time since the display was created. */
    public Duration elapsed() {
        return Duration.between(started, clock.instant());
    }
}
