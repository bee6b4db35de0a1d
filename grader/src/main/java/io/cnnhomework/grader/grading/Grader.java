package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.Loop;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.policy.BytecodePolicy;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Grades a submission: the per-layer checks first, then the tasks, as a student works. Each case
 * and task goes to the runner as inputs only; its output is compared with PyTorch here. One
 * failure never stops the rest.
 */
public final class Grader {

    /** The homework classes each reference model is built from, CrossEntropyLoss and SGD included. */
    private static final Map<String, Set<LayerKind>> LAYERS_OF_MODEL = Map.of(
            "TorchGradientModel", EnumSet.of(LayerKind.CONV, LayerKind.RELU, LayerKind.FC, LayerKind.SOFTMAX, LayerKind.CROSS_ENTROPY,
                    LayerKind.SGD),
            "TorchGradientModel2", EnumSet.of(LayerKind.CONV, LayerKind.BATCH_NORM, LayerKind.RELU, LayerKind.AVG_POOL, LayerKind.FC,
                    LayerKind.SOFTMAX, LayerKind.CROSS_ENTROPY, LayerKind.SGD));

    private final ReferenceSet reference;
    private final ExerciseInputs inputs;
    private final PreparedDigits preparedDigits;

    /** @param reference the PyTorch reference to grade against */
    public Grader(ReferenceSet reference) {
        this.reference = reference;
        this.inputs = new ExerciseInputs(reference);
        this.preparedDigits = new PreparedDigits(reference);
    }

    /** @return the reference this grader compares with */
    public ReferenceSet reference() {
        return reference;
    }

    /**
     * @param runner runs the submission's code
     * @return every layer check and every task, without the optional task's training
     */
    public GradeReport grade(SubmissionRunner runner) {
        return grade(runner, OptionalMode.OFF);
    }

    /**
     * @param runner runs the submission's code
     * @param optional how much of the optional task to train
     * @return every layer check and every task, and the optional task unless {@code OFF}
     */
    public GradeReport grade(SubmissionRunner runner, OptionalMode optional) {
        GradeReport report = gradeRequired(runner);
        if (optional == OptionalMode.OFF) {
            return report;
        }
        Timing timing = Timing.start();
        OptionalGrade grade = new OptionalTask(reference).grade(runner, optional == OptionalMode.COMPARE);
        return report.withOptional(grade).withTimings(Map.of(GradeReport.OPTIONAL_TIMING, timing.stop()));
    }

    private GradeReport gradeRequired(SubmissionRunner runner) {
        Map<String, Timing> timings = new HashMap<>();
        List<LayerCheck> checks = new ArrayList<>();
        for (LayerCase layerCase : reference.layerCases()) {
            Timing timing = Timing.start();
            checks.add(check(layerCase, runner));
            timings.put(layerCase.name(), timing.stop());
        }
        List<TaskGrade> grades = new ArrayList<>();
        for (ReferenceTask task : reference.tasks()) {
            Timing timing = Timing.start();
            grades.add(layersFirst(task, grade(task, runner), checks));
            timings.put(task.id(), timing.stop());
        }
        return new GradeReport(checks, grades, List.of(), null, timings);
    }

    /**
     * Grades a single task.
     *
     * @param taskId {@code task1}, {@code task2} or {@code task3}
     * @param runner runs the submission's code
     * @return the verdict
     */
    public TaskGrade grade(String taskId, SubmissionRunner runner) {
        return grade(taskId, runner, List.of());
    }

    /**
     * Grades a single task after some layer checks have run.
     *
     * @param taskId {@code task1}, {@code task2} or {@code task3}
     * @param runner runs the submission's code
     * @param checks the layer checks run so far; when the task fails, those of the layers it uses
     *     that failed too are named first
     * @return the verdict
     */
    public TaskGrade grade(String taskId, SubmissionRunner runner, List<LayerCheck> checks) {
        ReferenceTask task = reference.task(taskId);
        return layersFirst(task, grade(task, runner), checks);
    }

    /**
     * A task that fails on a network whose layer failed its own check fails for that reason first:
     * the task's own diagnosis (the divergence in the trace, an exception) often points at another
     * layer (a wrong CrossEntropyLoss shows as the gradient of conv1), while the layer check names
     * the class. Failures before any value was computed (not implemented, a timeout) are left alone.
     */
    private static TaskGrade layersFirst(ReferenceTask task, TaskGrade grade, List<LayerCheck> checks) {
        if (grade.passed() || (grade.failureKind() != null && grade.failureKind() != FailureKind.EXCEPTION)) {
            return grade;
        }
        Set<LayerKind> used = LAYERS_OF_MODEL.getOrDefault(task.model(), Set.of());
        List<LayerCheck> failing = checks.stream().filter(check -> !check.optional() && !check.passed() && used.contains(check.layer()))
                .toList();
        if (failing.isEmpty()) {
            return grade;
        }
        String layers = failing.stream().map(check -> check.layer().className()).distinct().collect(Collectors.joining(", "));
        String cases = failing.stream().map(LayerCheck::caseName).collect(Collectors.joining(", "));
        boolean one = failing.stream().map(LayerCheck::layer).distinct().count() == 1;
        return grade.failedFirstBy(Text.of(one ? "task.layer-fails" : "task.layers-fail", layers, cases), null);
    }

    /**
     * Runs one layer check.
     *
     * @param layerCase the case
     * @param runner runs the submission's code
     * @return the verdict
     */
    public LayerCheck check(LayerCase layerCase, SubmissionRunner runner) {
        LayerOutput output;
        try {
            output = runner.runLayer(ExerciseInputs.layer(layerCase));
        } catch (RuntimeException e) {
            output = LayerOutput.failed(StudentFailure.of(e));
        }
        return LayerParity.check(layerCase, output);
    }

    /**
     * The report of a submission that does not compile: every check and task failed with the
     * compiler's first message.
     *
     * @param error the compilation failure
     * @return the report
     */
    public GradeReport notCompiled(CompilationException error) {
        String first = error.diagnostics().isEmpty() ? error.getMessage() : error.diagnostics().get(0);
        return failedBeforeRunning(new StudentFailure(FailureKind.COMPILE_ERROR,
                Text.of("failure.compile-error", error.diagnostics().size(), first)), error.diagnostics());
    }

    /**
     * The report of a submission the bytecode policy refuses: every check and task failed with the
     * first violation, all of them listed.
     *
     * @param violations what the policy found, not empty
     * @return the report
     */
    public GradeReport refused(List<BytecodePolicy.Violation> violations) {
        return failedBeforeRunning(refusal(violations), violations.stream().map(BytecodePolicy.Violation::describe).toList());
    }

    /**
     * @param violations what the bytecode policy found, not empty
     * @return the failure of every check and task of a refused submission: the first violation
     */
    public static StudentFailure refusal(List<BytecodePolicy.Violation> violations) {
        return new StudentFailure(FailureKind.POLICY, Text.of("failure.policy", violations.get(0).describe()));
    }

    /**
     * The report of a submission that never ran: every check and task failed with the same reason.
     *
     * @param failure why it did not run (it did not compile, or broke the bytecode policy)
     * @param details the compiler's or the policy's messages, one per line
     * @return the report
     */
    public GradeReport failedBeforeRunning(StudentFailure failure, List<String> details) {
        List<LayerCheck> checks = new ArrayList<>();
        for (LayerCase layerCase : reference.layerCases()) {
            checks.add(LayerParity.check(layerCase, LayerOutput.failed(failure)));
        }
        List<TaskGrade> grades = new ArrayList<>();
        for (ReferenceTask task : reference.tasks()) {
            grades.add(LossCurveCheck.grade(task, TaskOutput.failed(failure)));
        }
        return new GradeReport(checks, grades, details);
    }

    private TaskGrade grade(ReferenceTask task, SubmissionRunner runner) {
        TaskInput input = inputs.task(task);
        TaskOutput output = run(runner, input);
        TaskGrade grade = LossCurveCheck.grade(task, output);
        if (task.usesDigits()) {
            // PyTorch's trace was made from its own prepared data: on other data it would mislead.
            Optional<TaskGrade> dataDiffers = preparedDigits.differs(task, output, grade);
            if (dataDiffers.isPresent()) {
                return dataDiffers.get();
            }
        }
        if (grade.passed()) {
            return grade;
        }
        if (input.loop() != Loop.STUDENT) {
            return withDivergence(grade, task, output);
        }
        // The student's own loop recorded curves only: the grader's loop on the same layers tells
        // the layers from the loop, and its trace says where wrong layers part from PyTorch.
        TaskOutput notebook = run(runner, input.withLoop(Loop.NOTEBOOK));
        TaskGrade layers = LossCurveCheck.grade(task, notebook);
        if (!layers.passed()) {
            return withDivergence(LoopDiagnosis.layersWrong(task, grade, output, layers, notebook), task, notebook);
        }
        Map<Loop, TaskOutput> mistakes = new LinkedHashMap<>();
        if (output.failure() == null) {
            for (Loop mistake : Loop.mistakes()) {
                mistakes.put(mistake, run(runner, input.withLoop(mistake)));
            }
        }
        return LoopDiagnosis.layersRight(task, grade, output, layers, mistakes);
    }

    private static TaskOutput run(SubmissionRunner runner, TaskInput input) {
        try {
            return runner.runTask(input);
        } catch (RuntimeException e) {
            return TaskOutput.failed(StudentFailure.of(e));
        }
    }

    /**
     * The training trace explains a training curve that parts from PyTorch's; when only the
     * validation curve or the prepared data differ, the trace matches and would mislead.
     */
    private static TaskGrade withDivergence(TaskGrade grade, ReferenceTask task, TaskOutput traced) {
        double summed = traced.failure() == null ? LossCurveCheck.summedError(task.trainLoss(), traced.trainLoss()) : Double.NaN;
        boolean trainingParts = !(summed < LossCurveCheck.PASS_THRESHOLD);
        return !trainingParts ? grade : grade.withDivergence(TraceDivergence.locate(task, traced));
    }
}
