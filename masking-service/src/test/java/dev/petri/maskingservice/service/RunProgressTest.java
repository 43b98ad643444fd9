package dev.petri.maskingservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunProgressTest {

    private record Report(String phase, int percent) {
    }

    private final List<Report> reports = new ArrayList<>();
    private final RunProgress progress = new RunProgress((phase, table, done, total, percent) ->
            reports.add(new Report(phase, percent)), 0);

    @Test
    void percentOnlyGoesForwardThroughEveryPhaseOfARun() {
        progress.tableProgress("public.a", 50, 100);
        progress.tableProgress("public.a", 100, 100);
        progress.tableProgress("public.b", 10, 10);
        for (String phase : List.of("classify", "collect")) {
            // were a phase's tables not announced at its start (the pipeline does), the first one done would read as
            // the whole phase: the percentage must still never go back
            progress.progress(phase, "public.a", 1, 1);
            progress.progress(phase, "public.b", 1, 1);
        }
        progress.progress("mask", "public.a", 0, 1_000);
        progress.progress("mask", "public.a", 500, 1_000);
        progress.progress("mask", "public.b", 0, 10);
        progress.progress("mask", "public.a", 1_000, 1_000);
        progress.progress("mask", "public.b", 10, 10);
        progress.progress("scan", "public.a", 1, 1);
        progress.progress("scan", "public.b", 1, 1);
        progress.phase("finish");
        progress.phase("done");

        int last = -1;
        for (Report r : reports) {
            assertTrue(r.percent() >= last, "went back to " + r.percent() + "% in " + r.phase() + ": " + reports);
            last = r.percent();
        }
        assertEquals(100, last);
        assertTrue(percentOf("collect") < percentOf("mask"), reports.toString());
        assertTrue(percentOf("mask") < percentOf("scan"), reports.toString());
        assertTrue(percentOf("scan") <= 85, reports.toString());
    }

    @Test
    void copyFillsItsBandByRows() {
        progress.tableProgress("public.a", 0, 100);
        progress.tableProgress("public.b", 0, 100);
        progress.tableProgress("public.a", 100, 100);
        assertEquals(22, reports.get(reports.size() - 1).percent());
    }

    private int percentOf(String phase) {
        return reports.stream().filter(r -> r.phase().equals(phase)).mapToInt(Report::percent).max().orElseThrow();
    }
}
