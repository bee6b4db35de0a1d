/**
 * What a submission's compiled classes may refer to, checked on the bytecode before any of it
 * runs. {@link io.cnnhomework.grader.policy.BytecodePolicy#check(java.nio.file.Path)} reads every
 * class file of a submission and lists each reference outside the homework, with the {@link
 * io.cnnhomework.grader.policy.Rule} it breaks: the file system, the network, processes,
 * reflection, class loading, threads, the JVM's process-wide state, native code, JDK internals,
 * classes outside package {@code homework}, and anything else the homework has no use for.
 *
 * <p>The policy is an allowlist of packages (the submission's own {@code homework} classes, the
 * student API, {@code java.lang}, {@code java.util} with its {@code function}, {@code stream} and
 * {@code regex} subpackages, {@code java.math}, and a handful of {@code java.io} types) with a
 * denylist of members inside them ({@code System.exit}, {@code Class.forName}, {@code
 * parallelStream}, ...). It is one layer of defence: the child JVM that runs a submission still
 * has its own limits.
 */
package io.cnnhomework.grader.policy;
