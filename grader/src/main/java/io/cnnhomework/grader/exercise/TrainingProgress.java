package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.messages.Text;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Told after every epoch of a long training (the optional task's own network, each run of the
 * optimizer comparison), so that a person waiting sees it move. Called on the training's thread,
 * between two epochs: an implementation must return at once and must not throw.
 */
@FunctionalInterface
public interface TrainingProgress {

    /** Says nothing: the grader's batch and the child JVM, whose output nobody watches. */
    TrainingProgress SILENT = epoch -> {
    };

    /**
     * One finished epoch.
     *
     * @param run what trains: {@code OwnNetwork} with the recipe's optimizer, or e.g.
     *     {@code OwnNetwork [Adam, wd 1e-4]} in the optimizer comparison
     * @param epoch 1-based
     * @param epochs how many the run has
     * @param trainLoss the epoch's mean training loss
     * @param trainAccuracy the fraction of the epoch's training images classified right, as the
     *     network was during the epoch (the validation labels never reach student code's side)
     * @param seconds since the run's first epoch began
     */
    record Epoch(String run, int epoch, int epochs, double trainLoss, double trainAccuracy, double seconds) {

        /** @return the seconds the remaining epochs should take at the pace so far */
        public double etaSeconds() {
            return epoch == 0 ? Double.NaN : seconds / epoch * (epochs - epoch);
        }

        /** @return whether this is the run's last epoch */
        public boolean last() {
            return epoch >= epochs;
        }
    }

    /**
     * @param epoch what the epoch gave
     */
    void epochDone(Epoch epoch);

    /**
     * Plain lines, one per epoch where a person watches a terminal; otherwise (a build log, CI) at
     * most one every {@code intervalNanos}, and always the first and the last epoch of a run.
     *
     * @param out where the lines go
     * @param locale their language
     * @param everyEpoch whether to print every epoch (a terminal is attached)
     * @param intervalNanos the least time between two lines otherwise
     * @param clock nanoseconds, as {@link System#nanoTime()}
     * @return the progress printer
     */
    static TrainingProgress lines(PrintStream out, Locale locale, boolean everyEpoch, long intervalNanos, LongSupplier clock) {
        return new TrainingProgress() {
            private long lastLine = Long.MIN_VALUE;

            @Override
            public synchronized void epochDone(Epoch epoch) {
                long now = clock.getAsLong();
                if (!everyEpoch && epoch.epoch() != 1 && !epoch.last() && lastLine != Long.MIN_VALUE && now - lastLine < intervalNanos) {
                    return;
                }
                lastLine = now;
                out.println(line(epoch, locale));
                out.flush();
            }
        };
    }

    /**
     * Lines on the console: one per epoch with a terminal, else one every three seconds at most.
     *
     * @param out where the lines go
     * @param locale their language
     * @return the progress printer
     */
    static TrainingProgress console(PrintStream out, Locale locale) {
        return lines(out, locale, System.console() != null, 3_000_000_000L, System::nanoTime);
    }

    /**
     * @param epoch an epoch
     * @param locale the language
     * @return e.g. {@code   training OwnNetwork: epoch 5/40, loss 0.1234, training accuracy 97.1 %, 3.2 s, about 22 s left}
     */
    static String line(Epoch epoch, Locale locale) {
        return Text.of(epoch.last() ? "report.progress.epoch.last" : "report.progress.epoch", epoch.run(), epoch.epoch(), epoch.epochs(),
                String.format(Locale.ROOT, "%.4f", epoch.trainLoss()), String.format(Locale.ROOT, "%.1f", 100 * epoch.trainAccuracy()),
                String.format(Locale.ROOT, "%.1f", epoch.seconds()), String.format(Locale.ROOT, "%.0f", Math.ceil(epoch.etaSeconds())))
                .render(locale);
    }
}
