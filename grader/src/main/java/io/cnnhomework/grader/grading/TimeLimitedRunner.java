package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.submission.StudentFailure;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives each task a wall-clock limit in this JVM: the task runs on its own daemon thread, and a
 * task that overruns is reported as a timeout while the grader moves on. The overrunning thread
 * cannot be stopped safely in-process; running submissions in a child JVM is what reclaims it.
 */
public final class TimeLimitedRunner implements TaskRunner {

    private final TaskRunner delegate;
    private final Duration limit;

    /**
     * @param delegate the runner to limit
     * @param limit the wall-clock limit per task
     */
    public TimeLimitedRunner(TaskRunner delegate, Duration limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public TaskOutput run(TaskInput input) {
        FutureTask<TaskOutput> task = new FutureTask<>(() -> delegate.run(input));
        Thread thread = new Thread(task, "grading-" + input.taskId());
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return TaskOutput.failed(StudentFailure.timeout(limit.toMillis() / 1000.0, input.taskId()));
        } catch (ExecutionException e) {
            return TaskOutput.failed(StudentFailure.of(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskOutput.failed(StudentFailure.timeout(0, input.taskId() + " (grading interrupted)"));
        }
    }
}
