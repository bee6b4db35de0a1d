package io.cnnhomework.grader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnhomework.grader.messages.Messages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines of a long training: every epoch on a terminal, sparse in a log, always the first and last. */
class TrainingProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private static List<String> printed(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static TrainingProgress.Epoch epoch(int epoch) {
        return new TrainingProgress.Epoch("OwnNetwork", epoch, 40, 0.5 / epoch, 0.9, epoch * 0.25);
    }

    @Test
    void aLineSaysTheEpochLossAccuracyAndTimeLeftInBothLanguages() {
        TrainingProgress.Epoch fifth = new TrainingProgress.Epoch("OwnNetwork", 5, 40, 0.12345, 0.9712, 2.0);

        assertEquals("  training OwnNetwork: epoch 5/40, loss 0.1235, training accuracy 97.1 %, 2.0 s, about 14 s left",
                TrainingProgress.line(fifth, Locale.ENGLISH));
        assertEquals("  обучение OwnNetwork: эпоха 5/40, потери 0.1235, точность на обучении 97.1 %, 2.0 с, осталось около 14 с",
                TrainingProgress.line(fifth, Messages.RUSSIAN));
        assertEquals("  training OwnNetwork: epoch 40/40, loss 0.0100, training accuracy 99.0 %, 16.0 s",
                TrainingProgress.line(new TrainingProgress.Epoch("OwnNetwork", 40, 40, 0.01, 0.99, 16.0), Locale.ENGLISH));
    }

    @Test
    void withoutATerminalAtMostOneLineEveryIntervalButTheFirstAndLastEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        TrainingProgress progress = TrainingProgress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), Locale.ENGLISH, false,
                3 * SECOND, now::get);

        for (int e = 1; e <= 40; e++) {
            now.set(e * SECOND / 4);   // a quarter of a second per epoch: ten seconds in all
            progress.epochDone(epoch(e));
        }

        List<String> lines = printed(bytes);
        assertEquals(List.of("epoch 1/40", "epoch 13/40", "epoch 25/40", "epoch 37/40", "epoch 40/40"),
                lines.stream().map(line -> line.replaceAll("^.*(epoch \\d+/40).*$", "$1")).toList(), lines.toString());
    }

    @Test
    void onATerminalEveryEpochHasItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainingProgress progress = TrainingProgress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), Locale.ENGLISH, true,
                3 * SECOND, () -> 0L);

        for (int e = 1; e <= 40; e++) {
            progress.epochDone(epoch(e));
        }

        assertEquals(40, printed(bytes).size());
    }
}
