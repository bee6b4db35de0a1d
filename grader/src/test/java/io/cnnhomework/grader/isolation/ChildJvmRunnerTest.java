package io.cnnhomework.grader.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.Fixtures.Mutation;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.grading.LayerParity;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions graded through a child JVM: the known-good one and the template exactly as in this
 * JVM, and submissions that exit, halt, loop, exhaust the heap, recurse without end, flood the
 * console or scribble on the protocol, each costing one request and nothing more.
 */
class ChildJvmRunnerTest {

    private static final ChildJvmRunner.Limits LIMITS = new ChildJvmRunner.Limits(Duration.ofSeconds(20), 256);
    private static final String RELU_LINE = "positive = X.gt(0f);";

    private static ReferenceSet reference;
    private static Path knownGood;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private int edits;

    @BeforeAll
    static void compileTheKnownGoodSubmission() {
        reference = ReferenceSet.load(Fixtures.referenceDir());
        knownGood = shared.resolve("known-good");
        close(new SubmissionCompiler().compile(Fixtures.KNOWN_GOOD, knownGood));
    }

    private static GradeReport gradedInThisJvm() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {knownGood.toUri().toURL()},
                ChildJvmRunnerTest.class.getClassLoader())) {
            return new Grader(reference).grade(new InProcessRunner(new Homework(loader)));
        }
    }

    @Test
    void knownGoodSubmissionScoresFullMarksWithTheSameErrorsAsInThisJvm() throws IOException {
        GradeReport inProcess = gradedInThisJvm();

        GradeReport child;
        try (ChildJvmRunner runner = new ChildJvmRunner(knownGood, LIMITS)) {
            child = new Grader(reference).grade(runner);
            assertEquals(1, runner.childStarts());
            assertEquals("", runner.output());
            assertEquals(0, runner.droppedOutputBytes());
        }

        assertEquals(100.0, child.score());
        assertSameGrades(inProcess, child);
    }

    @Test
    void aQuickStartChildRunsTheClientCompilerAndThePlainKernelsAndGradesTheSame() throws IOException {
        ChildJvmRunner.Limits quick = new ChildJvmRunner.Limits(LIMITS.perRequest(), LIMITS.memoryMb(), LIMITS.perTraining(),
                LIMITS.tensorThreads(), LIMITS.budget(), true);
        List<String> flags = List.of("-XX:TieredStopAtLevel=1", "-Dcnnhomework.tensor.vector=false");
        List<String> command = ChildJvmRunner.command(knownGood, quick, "Main");
        assertTrue(command.containsAll(flags), command.toString());
        assertTrue(command.indexOf(flags.get(0)) < command.indexOf("Main"), "JVM options come before the main class");
        assertFalse(ChildJvmRunner.command(knownGood, LIMITS, "Main").stream().anyMatch(flags::contains));
        // the incubator module only where its kernels run: without it the JVM maps its archived module graph
        List<String> vector = List.of("--add-modules", "jdk.incubator.vector");
        assertEquals(-1, java.util.Collections.indexOfSubList(command, vector), command.toString());
        List<String> full = ChildJvmRunner.command(knownGood, LIMITS, "Main");
        assertTrue(java.util.Collections.indexOfSubList(full, vector) >= 0, full.toString());
        assertTrue(java.util.Collections.indexOfSubList(full, vector) < full.indexOf("Main"));
        // the unzeroed result arrays where the training runs; a quick start keeps the archived module graph
        List<String> fresh = List.of("--add-exports", ChildJvmRunner.FRESH_ARRAYS);
        assertTrue(java.util.Collections.indexOfSubList(full, fresh) >= 0, full.toString());
        assertEquals(-1, java.util.Collections.indexOfSubList(command, fresh), command.toString());
        // a fixed 4 MB allocation buffer where the training runs, replaced rather than bypassed by a
        // tensor that does not fit in its last MB, so that tensors skip the zeroing slow path
        List<String> tlab = List.of("-XX:TLABSize=4m", "-XX:-ResizeTLAB", "-XX:TLABRefillWasteFraction=4");
        assertTrue(full.containsAll(tlab), full.toString());
        assertTrue(full.indexOf("-XX:TLABRefillWasteFraction=4") < full.indexOf("Main"));
        assertFalse(command.contains("-XX:-ResizeTLAB"), command.toString());
        assertFalse(command.contains("-XX:TLABRefillWasteFraction=4"), command.toString());
        assertEquals(List.of("-XX:TLABSize=2m", "-XX:-ResizeTLAB", "-XX:TLABRefillWasteFraction=4"), ChildJvmRunner.fixedTlab(8));
        assertEquals(List.of(), ChildJvmRunner.fixedTlab(4));
        // survivor spaces a sixth of the young generation each, in every child
        assertTrue(full.contains("-XX:SurvivorRatio=4"), full.toString());
        assertTrue(command.contains("-XX:SurvivorRatio=4"), command.toString());
        // a quick start trains nothing long: the small pages and the quarter, whatever the system offers
        List<String> quickOffered = ChildJvmRunner.command(knownGood, quick, "Main", true);
        assertFalse(quickOffered.contains("-XX:+UseTransparentHugePages"), quickOffered.toString());
        assertTrue(quickOffered.contains("-Xmn" + ChildJvmRunner.youngGenerationMb(LIMITS.memoryMb(), false) + "m"),
                quickOffered.toString());

        GradeReport child;
        try (ChildJvmRunner runner = new ChildJvmRunner(knownGood, quick)) {
            child = new Grader(reference).grade(runner);
        }

        assertEquals(100.0, child.score());
        assertSameGrades(gradedInThisJvm(), child);
    }

    @Test
    void aTrainingChildTakesHugePagesAndTwiceTheYoungGenerationWhereTheSystemOffersThem() {
        List<String> offered = ChildJvmRunner.command(knownGood, LIMITS, "Main", true);
        List<String> refused = ChildJvmRunner.command(knownGood, LIMITS, "Main", false);
        assertTrue(offered.contains("-XX:+UseTransparentHugePages"), offered.toString());
        assertTrue(offered.indexOf("-XX:+UseTransparentHugePages") < offered.indexOf("Main"), "JVM options come before the main class");
        assertFalse(refused.contains("-XX:+UseTransparentHugePages"), refused.toString());
        // LIMITS has 256 MB: half of it in huge pages, a quarter in small ones
        assertEquals(256, LIMITS.memoryMb());
        assertTrue(offered.contains("-Xmn128m"), offered.toString());
        assertTrue(refused.contains("-Xmn64m"), refused.toString());
        // the allocation buffer stays 4 MB either way
        assertTrue(offered.contains("-XX:TLABSize=4m") && refused.contains("-XX:TLABSize=4m"), offered + " " + refused);

        // between 4 MB and 128 MB (huge pages, half the heap) or 64 MB (small pages, a quarter)
        assertEquals(128, ChildJvmRunner.youngGenerationMb(1024, true));
        assertEquals(64, ChildJvmRunner.youngGenerationMb(128, true));
        assertEquals(8, ChildJvmRunner.youngGenerationMb(16, true));
        assertEquals(4, ChildJvmRunner.youngGenerationMb(8, true));
        assertEquals(64, ChildJvmRunner.youngGenerationMb(512, false));
        assertEquals(64, ChildJvmRunner.youngGenerationMb(256, false));
        assertEquals(16, ChildJvmRunner.youngGenerationMb(64, false));
        assertEquals(4, ChildJvmRunner.youngGenerationMb(16, false));
    }

    @Test
    void hugePagesAreOfferedWhereLinuxChoosesAlwaysOrMadvise() throws IOException {
        Path setting = tmp.resolve("enabled");
        Files.writeString(setting, "always [madvise] never\n");
        assertTrue(ChildJvmRunner.hugePagesOffered(setting));
        Files.writeString(setting, "[always] madvise never\n");
        assertTrue(ChildJvmRunner.hugePagesOffered(setting));
        Files.writeString(setting, "always madvise [never]\n");
        assertFalse(ChildJvmRunner.hugePagesOffered(setting));
        assertFalse(ChildJvmRunner.hugePagesOffered(tmp.resolve("missing")), "a system without the switch");
    }

    @Test
    void theLauncherTrainsWithTheLargestYoungGenerationAChildGets() throws IOException {
        // scripts/grader's own `train` and `grade` run the same training as a child with a large heap,
        // in huge pages where the system offers them
        String launcher = Files.readString(Path.of("..", "scripts", "grader"), StandardCharsets.UTF_8);
        String small = "heap=(-Xmn" + ChildJvmRunner.youngGenerationMb(Integer.MAX_VALUE, false) + "m)";
        String huge = "heap=(-XX:+UseTransparentHugePages -Xmn" + ChildJvmRunner.youngGenerationMb(Integer.MAX_VALUE, true) + "m)";
        assertTrue(launcher.contains(small), "scripts/grader lacks " + small);
        assertTrue(launcher.contains(huge), "scripts/grader lacks " + huge);
        // huge pages where the same switch the children read offers them
        assertTrue(launcher.contains(ChildJvmRunner.HUGE_PAGES_SETTING.toString()), launcher);
        String options = "-XX:+UseSerialGC \"${heap[@]}\" -XX:SurvivorRatio=" + ChildJvmRunner.SURVIVOR_RATIO + " "
                + String.join(" ", ChildJvmRunner.fixedTlab(Integer.MAX_VALUE)) + " ";
        assertTrue(launcher.contains(options), "scripts/grader's java options lack " + options);
    }

    @Test
    void untouchedTemplateFailsAsNotImplementedAsInThisJvm() {
        Path classes = tmp.resolve("template");
        GradeReport inProcess;
        try (URLClassLoader loader = new SubmissionCompiler().compile(Fixtures.TEMPLATE, classes)) {
            inProcess = new Grader(reference).grade(new InProcessRunner(new Homework(loader)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        GradeReport child;
        try (ChildJvmRunner runner = new ChildJvmRunner(classes, LIMITS)) {
            child = new Grader(reference).grade(runner);
            assertEquals(1, runner.childStarts(), "not implemented is an ordinary failure: the child lives on");
        }

        assertEquals(0.0, child.score());
        for (LayerCheck check : child.checks()) {
            assertEquals("not-implemented", check.failureKind().id(), check.caseName());
        }
        for (TaskGrade task : child.tasks()) {
            assertEquals("not-implemented", task.failureKind().id(), task.id());
        }
        assertSameGrades(inProcess, child);
    }

    @Test
    void systemExitInATaskFailsItAsCrashedAndTheOtherTasksAreStillGraded() {
        Mutation exits = Fixtures.hostile().stream().filter(m -> m.name().equals("calls-system-exit")).findFirst().orElseThrow();
        Path classes = compile(exits);

        GradeReport report;
        try (ChildJvmRunner runner = new ChildJvmRunner(classes, LIMITS)) {
            report = new Grader(reference).grade(runner);
            assertEquals(2, runner.childStarts(), "one child up to task1, a fresh one for task2 and task3");
        }

        TaskGrade task1 = report.task("task1");
        assertEquals("crashed", task1.failureKind().id());
        assertEquals("the submission ended its JVM (exit status 0) while running task1", task1.message().toString());
        assertTrue(report.task("task2").passed(), report.task("task2").message().toString());
        assertTrue(report.task("task3").passed(), report.task("task3").message().toString());
        assertTrue(report.checks().stream().allMatch(LayerCheck::passed));
        assertEquals(80.0, report.score());
    }

    @Test
    void haltInATaskFailsItAsCrashedWithItsStatusAndEveryTaskAfterIsGraded() {
        Path classes = compileEdited("CustomModel2.java",
                "fc1 = new Fc(initialParams.get(\"fc1.weight\"), initialParams.get(\"fc1.bias\"));",
                "Runtime.getRuntime().halt(7);\n        fc1 = new Fc(initialParams.get(\"fc1.weight\"), initialParams.get(\"fc1.bias\"));");

        GradeReport report;
        try (ChildJvmRunner runner = new ChildJvmRunner(classes, LIMITS)) {
            report = new Grader(reference).grade(runner);
            assertEquals(3, runner.childStarts(), "one child up to task2, a fresh one for task3's own loop, and one for the"
                    + " grader's loop on the same layers, which tells the student whether the layers or the loop ended the JVM");
        }

        assertTrue(report.task("task1").passed(), report.task("task1").message().toString());
        for (String id : List.of("task2", "task3")) {
            assertEquals("crashed", report.task(id).failureKind().id(), id);
            assertEquals("the submission ended its JVM (exit status 7) while running " + id, report.task(id).message().toString());
        }
    }

    @Test
    void anEndlessLoopThatSwallowsInterruptsTimesOutAtTheLimitAndTheNextRequestWorks() {
        Path classes = compileEdited("ReLU.java", RELU_LINE,
                "while (X != null) {\n            try {\n                Thread.sleep(1);\n            } catch (InterruptedException ignored) {\n"
                        + "            }\n        }\n        " + RELU_LINE);

        try (ChildJvmRunner runner = new ChildJvmRunner(classes, new ChildJvmRunner.Limits(Duration.ofSeconds(1), 256))) {
            runner.runLayer(input("fc_batch4")); // the child is up: what follows measures the limit alone
            long start = System.nanoTime();
            LayerOutput looped = runner.runLayer(input("relu_with_zeros"));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals("timeout", looped.failure().kind().id());
            assertTrue(looped.failure().message().toString().startsWith(
                    "relu_with_zeros did not finish within 1.0 s; it was running homework.ReLU.forward(ReLU.java:"),
                    looped.failure().message().toString());
            assertTrue(seconds >= 1.0 && seconds < 1.0 + 1.0, "answered after " + seconds + " s");
            assertFalse(childAlive(), "the looping child is gone");
            assertTrue(passes("fc_batch4", runner.runLayer(input("fc_batch4"))), "the next request runs in a fresh child");
            assertEquals(2, runner.childStarts());
        }
    }

    @Test
    void aChildThatNeverAnswersIsKilledAtTheParentsDeadline() {
        try (ChildJvmRunner runner = standIn(StandInChildren.Silent.class, Duration.ofMillis(500))) {
            long start = System.nanoTime();
            TaskOutput output = runner.runTask(taskInput("task1"));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals("timeout", output.failure().kind().id());
            assertEquals("task1 did not finish within 0.5 s (an endless loop?)", output.failure().message().toString());
            double deadline = 0.5 + ChildJvmRunner.GRACE.toMillis() / 1000.0;
            assertTrue(seconds >= deadline && seconds < deadline + 1.5, "answered after " + seconds + " s");
            assertFalse(childAlive());
        }
    }

    @Test
    void allocatingBeyondTheHeapLimitFailsAsMemoryAndTheNextRequestWorks() {
        Path classes = compileEdited("ReLU.java", RELU_LINE,
                "java.util.List<float[]> hoard = new java.util.ArrayList<>();\n        while (X != null) {\n"
                        + "            hoard.add(new float[1 << 30]);\n        }\n        " + RELU_LINE);

        try (ChildJvmRunner runner = new ChildJvmRunner(classes, new ChildJvmRunner.Limits(Duration.ofSeconds(20), 64))) {
            LayerOutput output = runner.runLayer(input("relu_with_zeros"));

            assertEquals("memory", output.failure().kind().id(), output.failure().message().toString());
            assertEquals("relu_with_zeros ran out of memory (limit 64 MB)", output.failure().message().toString());
            assertTrue(runner.jvmMessages().contains("java.lang.OutOfMemoryError"), runner.jvmMessages());
            assertTrue(passes("fc_batch4", runner.runLayer(input("fc_batch4"))));
        }
    }

    @Test
    void deepRecursionIsAnOrdinaryExceptionAndTheChildLivesOn() {
        Path classes = compileEdited("ReLU.java", RELU_LINE, "if (X != null) {\n            return forward(X);\n        }\n        " + RELU_LINE);

        try (ChildJvmRunner runner = new ChildJvmRunner(classes, LIMITS)) {
            LayerOutput output = runner.runLayer(input("relu_with_zeros"));

            assertEquals("exception", output.failure().kind().id());
            assertTrue(output.failure().message().toString().startsWith("StackOverflowError (at homework.ReLU.forward(ReLU.java:"),
                    output.failure().message().toString());
            assertTrue(passes("fc_batch4", runner.runLayer(input("fc_batch4"))));
            assertEquals(1, runner.childStarts());
        }
    }

    @Test
    void printingAHundredMegabytesIsKeptCappedAndTheTaskIsStillGradedRight() {
        String constructor = "conv1 = new Conv(initialParams.get(\"conv1.weight\"), initialParams.get(\"conv1.bias\"), 1, 0);";
        Path classes = compileEdited("CustomModel.java", constructor,
                "String line = \"x\".repeat(1 << 20);\n        for (int i = 0; i < 100; i++) {\n            System.out.print(line);\n"
                        + "        }\n        System.err.println(\"done printing\");\n        " + constructor);

        try (ChildJvmRunner runner = new ChildJvmRunner(classes, LIMITS)) {
            TaskGrade task1 = new Grader(reference).grade("task1", runner);

            assertTrue(task1.passed(), task1.message().toString());
            assertTrue(task1.summedError() <= 1e-5, "summed error " + task1.summedError());
            String output = runner.output();
            assertEquals(ChildJvmRunner.OUTPUT_BYTES, output.length(), "kept: the cap, no more");
            assertTrue(output.startsWith("xxxxxxxx"));
            assertEquals(100L * (1 << 20) + "done printing\n".length() - ChildJvmRunner.OUTPUT_BYTES, runner.droppedOutputBytes());
        }
    }

    @Test
    void garbageWrittenToTheRealStandardOutputIsACrashNotAnException() {
        Path classes = compileEdited("ReLU.java", RELU_LINE,
                "try {\n            java.io.FileOutputStream real = new java.io.FileOutputStream(java.io.FileDescriptor.out);\n"
                        + "            real.write(\"hello from ReLU\\n\".getBytes());\n            real.flush();\n"
                        + "        } catch (java.io.IOException e) {\n            throw new java.io.UncheckedIOException(e);\n        }\n        "
                        + RELU_LINE);

        try (ChildJvmRunner runner = new ChildJvmRunner(classes, LIMITS)) {
            LayerOutput output = runner.runLayer(input("relu_with_zeros"));

            assertEquals("crashed", output.failure().kind().id());
            assertEquals("relu_with_zeros: the submission wrote to the real standard output of its process, the channel of the"
                    + " grader, instead of System.out", output.failure().message().toString());
            assertTrue(runner.jvmMessages().contains("bad frame header"), runner.jvmMessages());
            assertTrue(passes("fc_batch4", runner.runLayer(input("fc_batch4"))));
        }
    }

    @Test
    void aChildAnsweringWithGarbageCrashesEachRequestAndNeverThrows() {
        try (ChildJvmRunner runner = standIn(StandInChildren.Garbage.class, Duration.ofSeconds(5))) {
            for (String id : List.of("task1", "task2")) {
                TaskOutput output = runner.runTask(taskInput(id));
                assertEquals("crashed", output.failure().kind().id(), id);
            }
            LayerOutput layer = runner.runLayer(input("fc_batch4"));
            assertEquals("crashed", layer.failure().kind().id());
            assertEquals(3, runner.childStarts());
        }
    }

    @Test
    void aResponseThatDoesNotFitItsRequestIsACrash() {
        for (Class<?> child : List.of(StandInChildren.WrongSequence.class, StandInChildren.WrongType.class)) {
            try (ChildJvmRunner runner = standIn(child, Duration.ofSeconds(5))) {
                LayerOutput output = runner.runLayer(input("fc_batch4"));

                assertEquals("crashed", output.failure().kind().id(), child.getSimpleName());
                assertTrue(runner.jvmMessages().contains("does not fit"), runner.jvmMessages());
            }
        }
        try (ChildJvmRunner runner = standIn(StandInChildren.TooManyEpochs.class, Duration.ofSeconds(5))) {
            assertEquals("crashed", runner.runTask(taskInput("task1")).failure().kind().id());
        }
    }

    @Test
    void closeEndsTheChildAndARunnerIsNotReusedAfterwards() {
        ChildJvmRunner runner = new ChildJvmRunner(knownGood, LIMITS);
        assertTrue(passes("fc_batch4", runner.runLayer(input("fc_batch4"))));
        assertTrue(childAlive());

        runner.close();
        runner.close();

        assertFalse(childAlive());
        assertThrows(IllegalStateException.class, () -> runner.runLayer(input("fc_batch4")));
    }

    @Test
    void pooledRunnersShareOneChildEachGradingItsOwnClassesAsInThisJvm() throws IOException {
        Path wrongAtZero = compileEdited("ReLU.java", RELU_LINE, "positive = X.ge(0f);");
        GradeReport reused;
        try (ChildPool pool = new ChildPool(1)) {
            try (ChildJvmRunner first = new ChildJvmRunner(knownGood, LIMITS, pool)) {
                assertTrue(passes("relu_with_zeros", first.runLayer(input("relu_with_zeros"))));
                assertEquals(1, first.childStarts());
            }
            assertTrue(childAlive(), "the child waits in the pool");
            try (ChildJvmRunner second = new ChildJvmRunner(wrongAtZero, LIMITS, pool)) {
                assertFalse(passes("relu_with_zeros", second.runLayer(input("relu_with_zeros"))),
                        "the second submission's own ReLU ran, not the first one's");
                assertEquals(0, second.childStarts());
            }
            try (ChildJvmRunner third = new ChildJvmRunner(knownGood, LIMITS, pool)) {
                reused = new Grader(reference).grade(third);
                assertEquals(0, third.childStarts());
                assertEquals("", third.jvmMessages());
            }
            assertEquals(1, pool.childrenStarted());
            assertEquals(0, pool.refusals());
        }
        assertFalse(childAlive(), "closing the pool ends its idle children");
        assertEquals(100.0, reused.score());
        assertSameGrades(gradedInThisJvm(), reused);
    }

    @Test
    void aPooledChildThatASubmissionChangedRefusesTheNextOneWhichGetsAFreshChild() {
        // the batch's bytecode policy refuses both; the child's own check is the second line
        List<Path> leaving = List.of(
                compileEdited("ReLU.java", RELU_LINE, "java.util.Locale.setDefault(java.util.Locale.forLanguageTag(\"tr\"));\n        "
                        + RELU_LINE),
                compileEdited("ReLU.java", RELU_LINE, "new Thread(() -> {\n            while (true) {\n                Thread.onSpinWait();\n"
                        + "            }\n        }, \"spinner\").start();\n        " + RELU_LINE));
        List<String> refusals = List.of("the default locale changed to tr", "threads left running: spinner");
        for (int i = 0; i < leaving.size(); i++) {
            try (ChildPool pool = new ChildPool(1)) {
                try (ChildJvmRunner first = new ChildJvmRunner(leaving.get(i), LIMITS, pool)) {
                    assertTrue(passes("relu_with_zeros", first.runLayer(input("relu_with_zeros"))));
                }
                try (ChildJvmRunner next = new ChildJvmRunner(knownGood, LIMITS, pool)) {
                    assertTrue(passes("fc_batch4", next.runLayer(input("fc_batch4"))));
                    assertEquals(1, next.childStarts(), next.jvmMessages());
                    assertTrue(next.jvmMessages().contains("a pooled child refused this submission: " + refusals.get(i)), next.jvmMessages());
                }
                assertEquals(2, pool.childrenStarted());
                assertEquals(1, pool.refusals());
            }
            assertFalse(childAlive());
        }
    }

    @Test
    void aPooledChildThatTimedOutIsNeverReused() {
        Path loops = compileEdited("ReLU.java", RELU_LINE, "while (X != null) {\n            Thread.onSpinWait();\n        }\n        " + RELU_LINE);
        try (ChildPool pool = new ChildPool(2)) {
            try (ChildJvmRunner looping = new ChildJvmRunner(loops, new ChildJvmRunner.Limits(Duration.ofSeconds(1), 256), pool)) {
                assertEquals("timeout", looping.runLayer(input("relu_with_zeros")).failure().kind().id());
            }
            assertFalse(childAlive());
            try (ChildJvmRunner next = new ChildJvmRunner(knownGood, LIMITS, pool)) {
                assertTrue(passes("relu_with_zeros", next.runLayer(input("relu_with_zeros"))));
                assertEquals(1, next.childStarts(), "a fresh child");
            }
            assertEquals(2, pool.childrenStarted());
            assertEquals(0, pool.refusals());
        }
    }

    @Test
    void aSubmissionThatOverflowsTheStackInsideTheApisInitialisersLeavesTheNextOneIntact() throws IOException {
        // passes the bytecode policy: recursion and tensor calls only
        Path overflows = overflowingStaticInitialiser("Tensor.ones(2, 2).sum().item() + Tensor.ones(2, 2).matmul(Tensor.ones(2, 2)).sum().item()"
                + " + Tensor.ones(2, 2).toString().length() + Tensor.ones(1, 1, 4).fold(new int[] {2, 2}, 1, 1, 0, 1).numel()");
        GradeReport next;
        try (ChildPool pool = new ChildPool(1)) {
            try (ChildJvmRunner first = new ChildJvmRunner(overflows, LIMITS, pool)) {
                assertTrue(passes("relu_with_zeros", first.runLayer(input("relu_with_zeros"))));
            }
            try (ChildJvmRunner second = new ChildJvmRunner(knownGood, LIMITS, pool)) {
                next = new Grader(reference).grade(second);
                assertEquals(0, second.childStarts(), second.jvmMessages());
            }
            assertEquals(1, pool.childrenStarted(), "the API's classes were initialised before any submission ran");
        }
        assertEquals(100.0, next.score());
        assertSameGrades(gradedInThisJvm(), next);
    }

    @Test
    void aRequestThatMeetsAJdkClassAnEarlierSubmissionBrokeRunsAgainInAFreshChild() {
        // both pass the bytecode policy: recursion and java.util only
        Path breaks = overflowingStaticInitialiser("java.util.Currency.getInstance(\"EUR\").getDefaultFractionDigits()");
        Path uses = compileEdited("ReLU.java", RELU_LINE, "if (java.util.Currency.getInstance(\"EUR\").getDefaultFractionDigits() != 2) {\n"
                + "            throw new IllegalStateException(\"euros have cents\");\n        }\n        " + RELU_LINE);
        try (ChildPool pool = new ChildPool(1)) {
            try (ChildJvmRunner first = new ChildJvmRunner(breaks, LIMITS, pool)) {
                assertTrue(passes("relu_with_zeros", first.runLayer(input("relu_with_zeros"))));
            }
            try (ChildJvmRunner second = new ChildJvmRunner(uses, LIMITS, pool)) {
                assertTrue(passes("relu_with_zeros", second.runLayer(input("relu_with_zeros"))), second.jvmMessages());
                assertEquals(1, second.childStarts(), "a child of its own ran the request again");
                assertTrue(second.jvmMessages().contains("runs again in a fresh child"), second.jvmMessages());
                assertTrue(passes("fc_batch4", second.runLayer(input("fc_batch4"))));
                assertEquals(1, second.childStarts(), "and it serves the rest of the submission");
            }
            assertEquals(2, pool.childrenStarted());
        }
    }

    @Test
    void aFailureThatOnlySaysAClassCouldNotBeInitialisedIsTheSubmissionsOwn() {
        Path claims = compileEdited("ReLU.java", RELU_LINE,
                "if (X != null) {\n            throw new NoClassDefFoundError(\"Could not initialize class java.util.Formatter\");\n        }\n        "
                        + RELU_LINE);
        try (ChildPool pool = new ChildPool(1)) {
            try (ChildJvmRunner first = new ChildJvmRunner(knownGood, LIMITS, pool)) {
                assertTrue(passes("fc_batch4", first.runLayer(input("fc_batch4"))));
            }
            try (ChildJvmRunner second = new ChildJvmRunner(claims, LIMITS, pool)) {
                LayerOutput relu = second.runLayer(input("relu_with_zeros"));
                assertEquals("exception", relu.failure().kind().id());
                assertTrue(relu.failure().message().toString().contains("Could not initialize class java.util.Formatter"));
                assertEquals(0, second.childStarts(), "no second attempt: java.util.Formatter initialises fine");
                assertTrue(passes("fc_batch4", second.runLayer(input("fc_batch4"))));
            }
            assertEquals(1, pool.childrenStarted());
        }
    }

    @Test
    void whatASubmissionDoesToItsStandardStreamsStaysWithIt() {
        Path closes = compileEdited("ReLU.java", RELU_LINE,
                "System.out.print('\\uD83D');\n        try {\n            ((java.io.Closeable) System.out).close();\n"
                        + "        } catch (java.io.IOException e) {\n            throw new java.io.UncheckedIOException(e);\n        }\n        " + RELU_LINE);
        Path prints = compileEdited("ReLU.java", RELU_LINE, "System.out.println(\"hello\");\n        " + RELU_LINE);
        try (ChildPool pool = new ChildPool(1)) {
            try (ChildJvmRunner first = new ChildJvmRunner(closes, LIMITS, pool)) {
                assertTrue(passes("relu_with_zeros", first.runLayer(input("relu_with_zeros"))));
            }
            try (ChildJvmRunner second = new ChildJvmRunner(prints, LIMITS, pool)) {
                assertTrue(passes("relu_with_zeros", second.runLayer(input("relu_with_zeros"))));
                assertEquals(0, second.childStarts());
                assertEquals("hello\n", second.output(), "printed into an open stream with nothing half written before it");
            }
        }
    }

    // ---- helpers ----

    private static void assertSameGrades(GradeReport expected, GradeReport actual) {
        assertEquals(expected.score(), actual.score());
        for (TaskGrade task : expected.tasks()) {
            TaskGrade other = actual.task(task.id());
            assertEquals(task.passed(), other.passed(), task.id());
            // bit for bit: the child runs the same code on the same floats
            assertEquals(Double.doubleToRawLongBits(task.summedError()), Double.doubleToRawLongBits(other.summedError()),
                    task.id() + ": " + task.summedError() + " here, " + other.summedError() + " in the child");
            assertEquals(Double.doubleToRawLongBits(task.valSummedError()), Double.doubleToRawLongBits(other.valSummedError()), task.id());
            assertEquals(task.message(), other.message(), task.id());
            assertEquals(task.divergence(), other.divergence(), task.id());
            assertEquals(task.failureKind(), other.failureKind(), task.id());
        }
        for (LayerCheck check : expected.checks()) {
            LayerCheck other = actual.check(check.caseName());
            assertEquals(check.passed(), other.passed(), check.caseName());
            assertEquals(check.message(), other.message(), check.caseName());
            assertEquals(check.failureKind(), other.failureKind(), check.caseName());
            assertEquals(check.tensors().stream().map(TensorComparison::maxAbsError).toList(),
                    other.tensors().stream().map(TensorComparison::maxAbsError).toList(), check.caseName());
        }
    }

    /** Compiles a hostile fixture of the repository. */
    private Path compile(Mutation mutation) {
        Path classes = tmp.resolve(mutation.name() + "-classes");
        close(new SubmissionCompiler().compile(mutation.materialise(tmp.resolve(mutation.name())), classes));
        return classes;
    }

    /**
     * The known-good submission whose ReLU class, as it initialises, recurses until the stack
     * overflows and then evaluates {@code bottom} at every depth on the way back, so that some
     * class {@code bottom} initialises first overflows inside its initialiser; it catches it all.
     */
    private Path overflowingStaticInitialiser(String bottom) {
        return compileEdited("ReLU.java", "    private Tensor positive;", """
                    static {
                        try {
                            dive(0);
                        } catch (Throwable ignored) {
                        }
                    }

                    static float dive(int depth) {
                        try {
                            return dive(depth + 1);
                        } catch (Throwable deep) {
                            return %s;
                        }
                    }

                    private Tensor positive;""".formatted(bottom));
    }

    /**
     * Compiles the known-good submission with one edit.
     *
     * @param file the file under {@code homework/}
     * @param replace known-good text that occurs exactly once in it
     * @param with what it becomes
     */
    private Path compileEdited(String file, String replace, String with) {
        Path sources = tmp.resolve("submission-" + ++edits);
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, sources);
        Path edited = sources.resolve("homework").resolve(file);
        try {
            String source = Files.readString(edited, StandardCharsets.UTF_8);
            int at = source.indexOf(replace);
            assertTrue(at >= 0 && source.indexOf(replace, at + 1) < 0, replace + " must occur once in " + file);
            Files.writeString(edited, source.replace(replace, with), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path classes = tmp.resolve("classes-" + edits);
        close(new SubmissionCompiler().compile(sources, classes));
        return classes;
    }

    private static ChildJvmRunner standIn(Class<?> main, Duration limit) {
        ChildJvmRunner.Limits limits = new ChildJvmRunner.Limits(limit, 64);
        return new ChildJvmRunner(ChildJvmRunner.command(knownGood, limits, main.getName()), limits);
    }

    private static io.cnnhomework.grader.exercise.LayerInput input(String caseName) {
        return io.cnnhomework.grader.grading.ExerciseInputs.layer(layerCase(caseName));
    }

    private static LayerCase layerCase(String caseName) {
        return reference.layerCases().stream().filter(c -> c.name().equals(caseName)).findFirst().orElseThrow();
    }

    private static io.cnnhomework.grader.exercise.TaskInput taskInput(String id) {
        return new io.cnnhomework.grader.grading.ExerciseInputs(reference).task(reference.task(id));
    }

    private static boolean passes(String caseName, LayerOutput output) {
        return LayerParity.check(layerCase(caseName), output).passed();
    }

    /** Whether a child JVM of this one is still running. */
    private static boolean childAlive() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ChildJvmRunnerTest::commandLine)
                .anyMatch(c -> c.contains(ChildMain.class.getName()) || c.contains("StandInChildren"));
    }

    /**
     * The whole command line: {@code ProcessHandle.Info} cuts a long one short (at 4,096 characters on
     * Linux), and the build's class path in a child's command is long enough to hide the main class
     * behind the cut.
     */
    private static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            return Files.exists(proc) ? Files.readString(proc, StandardCharsets.ISO_8859_1).replace('\0', ' ')
                    : process.info().commandLine().orElse("");
        } catch (IOException e) {
            return ""; // it ended meanwhile
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
