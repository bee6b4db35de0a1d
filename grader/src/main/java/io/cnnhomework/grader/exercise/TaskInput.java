package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * Everything a submission needs to train one task, and nothing it could compare against: no
 * expected loss, no trace.
 *
 * @param taskId {@code task1}, {@code task2} or {@code task3}
 * @param modelClass the submission's model class, {@code CustomModel} or {@code CustomModel2}
 * @param inputSize image side
 * @param numClasses output classes
 * @param epochs full-batch epochs
 * @param learningRate SGD step size
 * @param trainX the training batch (tasks 1 and 2), or {@code null} when the submission prepares it
 * @param trainLabels its classes, or {@code null}
 * @param initialParams PyTorch's initial parameters by PyTorch's names
 * @param digits raw digits and split for the submission to prepare (task 3), or {@code null}
 * @param batchSize task 3: how many prepared rows to train and validate on (the notebook's
 *     {@code [0:10]})
 * @param loop which loop trains: the notebook's, the student's own or one of the usual mistakes;
 *     all but the notebook's need the digits (they validate)
 */
public record TaskInput(
        String taskId,
        String modelClass,
        int inputSize,
        int numClasses,
        int epochs,
        double learningRate,
        Tensor trainX,
        int[] trainLabels,
        Map<String, Tensor> initialParams,
        Digits digits,
        int batchSize,
        Loop loop) implements Job {

    /** Checks that the loop has the validation images it needs. */
    public TaskInput {
        if (loop == null || (loop != Loop.NOTEBOOK && digits == null)) {
            throw new IllegalArgumentException(taskId + ": the loop " + loop + " needs the digits to validate on");
        }
    }

    /**
     * @param other another loop
     * @return the same task trained by that loop
     */
    public TaskInput withLoop(Loop other) {
        return new TaskInput(taskId, modelClass, inputSize, numClasses, epochs, learningRate, trainX, trainLabels,
                initialParams, digits, batchSize, other);
    }

    @Override
    public String what() {
        return taskId;
    }

    @Override
    public TaskOutput failed(StudentFailure failure) {
        return TaskOutput.failed(failure);
    }
}
