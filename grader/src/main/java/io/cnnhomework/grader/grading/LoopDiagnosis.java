package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.Loop;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceTask;
import java.util.Map;
import java.util.Objects;

/**
 * Tells a wrong training loop from wrong layers in the task whose loop the student writes (task 3).
 * When the student's curves differ from PyTorch's, the grader's own loop is run on the student's
 * layers: if its curves match PyTorch's, the layers are right and the loop is not, and the
 * student's curves are compared with those of the grader's loop with each usual mistake
 * ({@link Loop#mistakes()}), also on the student's layers; a mistake whose two curves match the
 * student's by the notebook's rule is named in a hint. If the grader's loop does not match either,
 * the layers (or the prepared data) come first, and the grader's loop's trace says where.
 *
 * <p>The mistakes run on the student's layers rather than PyTorch's for two reasons: their
 * curves then differ from the student's only by what the loop does, whatever the layers'
 * rounding, and a mistake such as training in eval mode runs the student's own backward in eval
 * mode, which PyTorch's autograd would not reproduce.
 */
final class LoopDiagnosis {

    private LoopDiagnosis() {
    }

    /**
     * The verdict when the grader's loop with the student's layers matches PyTorch.
     *
     * @param reference what PyTorch measured
     * @param student the student's loop's verdict (failed)
     * @param studentOutput what the student's loop recorded
     * @param layers the grader's loop's verdict on the same layers (passed)
     * @param mistakes what each usual mistake recorded on the same layers; empty when the student's
     *     loop did not complete
     * @return the student's verdict, saying that the layers are right, with the recognised mistake
     */
    static TaskGrade layersRight(ReferenceTask reference, TaskGrade student, TaskOutput studentOutput, TaskGrade layers,
            Map<Loop, TaskOutput> mistakes) {
        String layersError = LossCurveCheck.scientific(layers.summedError());
        String layersValError = LossCurveCheck.scientific(layers.valSummedError());
        if (studentOutput.failure() != null || !complete(reference, studentOutput)) {
            return student.withMessage(Text.of("task.loop-failed", student.message(), layersError, layersValError), null);
        }
        Text departure = departure(reference, studentOutput);
        Text message = Text.of("task.loop-wrong", LossCurveCheck.scientific(student.summedError()),
                LossCurveCheck.scientific(student.valSummedError()), departure, layersError, layersValError);
        return student.withMessage(message, recognise(reference, studentOutput, mistakes));
    }

    /**
     * The verdict when the grader's loop with the student's layers does not match PyTorch either.
     *
     * @param reference what PyTorch measured
     * @param student the student's loop's verdict (failed)
     * @param studentOutput what the student's loop recorded
     * @param layers the grader's loop's verdict on the same layers, without the note on the data
     * @param layersOutput what the grader's loop recorded
     * @return the student's verdict; unless the grader's loop failed the same way or the student's
     *     loop follows it, also what the grader's loop found
     */
    static TaskGrade layersWrong(ReferenceTask reference, TaskGrade student, TaskOutput studentOutput, TaskGrade layers,
            TaskOutput layersOutput) {
        boolean sameFailure = studentOutput.failure() != null && layersOutput.failure() != null
                && studentOutput.failure().equals(layersOutput.failure());
        if (sameFailure || follows(reference, studentOutput, layersOutput)) {
            return student;
        }
        return student.withMessage(Text.of("task.layers-wrong", student.message(), layers.message()), null);
    }

    /** The first usual mistake whose curves are the student's, both by the notebook's rule. */
    private static Hint recognise(ReferenceTask reference, TaskOutput student, Map<Loop, TaskOutput> mistakes) {
        for (Map.Entry<Loop, TaskOutput> mistake : mistakes.entrySet()) {
            if (mistake.getValue().failure() == null && sameCurves(reference, student, mistake.getValue())) {
                return hint(mistake.getKey());
            }
        }
        return null;
    }

    /** Every loop mistake has its sentence: a new one cannot be added without one. */
    static Hint hint(Loop mistake) {
        return switch (mistake) {
            case VALIDATES_IN_TRAIN_MODE -> Hint.of("loop-validates-in-train-mode");
            case VALIDATES_BEFORE_STEP -> Hint.of("loop-validates-before-step");
            case STAYS_IN_EVAL_MODE -> Hint.of("loop-stays-in-eval-mode");
            case STEP_NOT_APPLIED -> Hint.of("loop-step-not-applied");
            case RECORDS_TRAINING_LOSS_AS_VALIDATION -> Hint.of("loop-records-training-loss-as-validation");
            case VALIDATES_ON_TRAINING_IMAGES -> Hint.of("loop-validates-on-training-images");
            case NOTEBOOK, STUDENT -> throw new IllegalArgumentException(mistake + " is no mistake");
        };
    }

    /** Whether the student's loop, on the same layers, records what the grader's loop records. */
    private static boolean follows(ReferenceTask reference, TaskOutput student, TaskOutput layers) {
        return student.failure() == null && layers.failure() == null && complete(reference, student)
                && sameCurves(reference, student, layers);
    }

    private static boolean sameCurves(ReferenceTask reference, TaskOutput a, TaskOutput b) {
        return complete(reference, b)
                && LossCurveCheck.summedError(a.trainLoss(), b.trainLoss()) < LossCurveCheck.PASS_THRESHOLD
                && LossCurveCheck.summedError(a.valLoss(), b.valLoss()) < LossCurveCheck.PASS_THRESHOLD;
    }

    private static boolean complete(ReferenceTask reference, TaskOutput output) {
        return output.trainLoss().length == reference.epochs() && output.valLoss() != null
                && output.valLoss().length == reference.epochs();
    }

    /** Which of the student's two curves parts from PyTorch's first, training before validation. */
    private static Text departure(ReferenceTask reference, TaskOutput student) {
        boolean trainingParts = !(LossCurveCheck.summedError(reference.trainLoss(), student.trainLoss()) < LossCurveCheck.PASS_THRESHOLD);
        double[] expected = trainingParts ? reference.trainLoss() : Objects.requireNonNull(reference.valLoss());
        double[] actual = trainingParts ? student.trainLoss() : student.valLoss();
        return Text.of(trainingParts ? "task.loop-departs.train" : "task.loop-departs.val",
                LossCurveCheck.firstDeparture(expected, actual, false));
    }
}
