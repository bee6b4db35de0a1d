/**
 * Isolation: running a submission in a child JVM, so that whatever its code does (exit, halt,
 * loop forever, exhaust memory, flood the console, scribble on the protocol) costs one check or
 * task, never the grader.
 *
 * <p>{@link io.cnnhomework.grader.isolation.ChildJvmRunner} is the parent's side: a {@link
 * io.cnnhomework.grader.exercise.SubmissionRunner} that starts {@link
 * io.cnnhomework.grader.isolation.ChildMain} lazily, sends it each job as a frame of the
 * protocol ({@code Wire}: frames; {@code GradingCodec}: jobs and outcomes; {@code ValueCodec}:
 * tensors, strings, maps) over the child's standard input, and reads what the submission computed
 * from its standard output. The child runs the unchanged
 * {@link io.cnnhomework.grader.exercise.InProcessRunner}; expected values never cross, so the
 * parent keeps every comparison and trusts the child for nothing but the numbers it computed:
 * frame types, sequence numbers and sizes are checked, and a reply that does not decode is a
 * crash of that request.
 *
 * <p>Failures of the child itself become {@link io.cnnhomework.grader.submission.FailureKind}s:
 * {@code timeout} (the request overran its limit; the child is killed), {@code memory}
 * (the heap limit was exceeded) and {@code crashed} (the child ended or wrote something
 * unreadable). After any of them the next request starts a fresh child, so the remaining checks
 * and tasks are still graded.
 *
 * <p>{@link io.cnnhomework.grader.isolation.CompilerProcess} does the same for javac: a warm child
 * JVM ({@link io.cnnhomework.grader.isolation.CompilerMain}) compiles one submission after another
 * under a time and heap limit, and is replaced when a compilation overruns or exhausts it.
 *
 * <p>{@link io.cnnhomework.grader.isolation.ChildPool} lets the children of one batch serve one
 * submission after another: each submission's classes load in a class loader of their own, and a
 * child switches only when nothing an earlier submission did is left ({@code Pristine}: standard
 * streams, system properties, default locale and time zone, threads); a child that timed out,
 * crashed or ran out of memory is never reused. The student API's classes are initialised before
 * any submission runs, each submission prints into streams of its own, and a request that fails
 * on a class the JVM could not initialise in a reused child runs again in a fresh one.
 */
package io.cnnhomework.grader.isolation;
