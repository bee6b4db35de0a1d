package io.cnnhomework.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LossHistoryTest {

    @Test
    void startsWithNaNInEveryEpochAndKeepsWhatIsRecorded() {
        LossHistory history = new LossHistory(3);
        history.recordTrain(0, 2.35);
        history.recordVal(0, 2.03);
        history.recordTrain(2, 0.5);

        assertEquals(3, history.epochs());
        assertArrayEquals(new double[] {2.35, Double.NaN, 0.5}, history.trainLoss());
        assertArrayEquals(new double[] {2.03, Double.NaN, Double.NaN}, history.valLoss());
    }

    @Test
    void aSecondRecordOfAnEpochReplacesTheFirstAsLocDoes() {
        LossHistory history = new LossHistory(1);
        history.recordVal(0, 1.0);
        history.recordVal(0, 0.75);

        assertArrayEquals(new double[] {0.75}, history.valLoss());
    }

    @Test
    void whatItReturnsIsACopy() {
        LossHistory history = new LossHistory(2);
        history.trainLoss()[0] = 1.0;

        assertEquals(Double.NaN, history.trainLoss()[0]);
    }

    @Test
    void anEpochOutsideTheHistoryIsRefusedNamingTheRange() {
        LossHistory history = new LossHistory(10);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> history.recordTrain(10, 0.1));
        assertEquals("epoch 10 is outside the loss history's 0..9", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> history.recordVal(-1, 0.1));
        assertEquals("a loss history needs at least one epoch, not 0",
                assertThrows(IllegalArgumentException.class, () -> new LossHistory(0)).getMessage());
    }
}
