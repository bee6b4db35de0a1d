package io.cnnhomework.grader.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.objectweb.asm.Type;

/**
 * Refuses submissions whose compiled classes reach outside the homework, before any of their code
 * runs: it reads every class file and checks each class it names (supertypes, field and method
 * types, the owners of fields and methods used, {@code new}, casts, {@code instanceof}, arrays,
 * class constants, caught exceptions, and the bootstrap methods and method handles behind lambdas)
 * against the rules listed on {@link Rule}.
 *
 * <pre>{@code
 * List<BytecodePolicy.Violation> violations = BytecodePolicy.check(classesDir);
 * violations.forEach(v -> System.out.println(v.describe()));
 * // homework.Conv.forward calls java.lang.System.exit(int): ends the JVM
 * }</pre>
 *
 * <p>The check is static: a reference the code never reaches still counts, and what happens
 * through an allowed interface (an {@code AutoCloseable} that is really {@code System.out}) is
 * not seen. It is meant to run together with the child JVM's own limits.
 */
public final class BytecodePolicy {

    private BytecodePolicy() {
    }

    /**
     * Checks every {@code .class} file below a directory, as {@code SubmissionCompiler} writes them.
     *
     * @param classesDir the submission's compiled classes
     * @return the violations, one per class, method and reference, sorted by those three; empty
     *     when the submission may run
     * @throws IOException when the directory cannot be read or a file is not a readable class file
     */
    public static List<Violation> check(Path classesDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classesDir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p)).sorted().toList();
        }
        Map<Path, byte[]> classFiles = new LinkedHashMap<>();
        for (Path file : files) {
            classFiles.put(file, Files.readAllBytes(file));
        }
        return ClassScanner.scan(classFiles);
    }

    /**
     * One reference a submission must not make.
     *
     * @param className the submission class it is in, as a binary name ({@code homework.Conv$1})
     * @param method the method it is in, name and descriptor ({@code forward(Lio/cnnhomework/tensor/Tensor;)Lio/cnnhomework/tensor/Tensor;}),
     *     or {@code ""} when it is in the class's declaration (supertypes, fields, or a class
     *     outside package {@code homework})
     * @param reference what it names, in the class file's internal form: a class ({@code java/io/File}),
     *     a field ({@code java/lang/System.in}) or a method ({@code java/lang/System.exit(I)V}); for
     *     {@code native} and {@code finalize} methods, the declared method itself; for a class
     *     outside package {@code homework}, that class
     * @param rule the id of the {@link Rule} it breaks, such as {@code "exit"}
     */
    public record Violation(String className, String method, String reference, String rule) {

        /**
         * @return one English line, such as {@code homework.Conv.forward calls
         *     java.lang.System.exit(int): ends the JVM}
         */
        public String describe() {
            Rule broken = Rule.ofId(rule).orElse(Rule.OTHER);
            String internalClass = className.replace('.', '/');
            if (broken == Rule.FOREIGN_PACKAGE && method.isEmpty() && reference.equals(internalClass)) {
                int dot = className.lastIndexOf('.');
                String pkg = dot < 0 ? "the unnamed package" : "package " + className.substring(0, dot);
                return className + " is in " + pkg + ": " + broken.reason();
            }
            String where = method.isEmpty() ? className : className + "." + method.substring(0, method.indexOf('('));
            int dot = reference.indexOf('.');
            if (dot < 0) {
                return where + " uses " + javaName(reference) + ": " + broken.reason();
            }
            String owner = reference.substring(0, dot);
            String member = reference.substring(dot + 1);
            int paren = member.indexOf('(');
            String name = paren < 0 ? member : member.substring(0, paren);
            String reason = ReferenceRules.memberReason(owner, name);
            String because = ": " + (reason == null ? broken.reason() : reason);
            if (paren < 0) {
                return where + " uses " + javaName(owner) + "." + name + because;
            }
            String parameters = Arrays.stream(Type.getArgumentTypes(member.substring(paren))).map(Type::getClassName)
                    .collect(Collectors.joining(", ", "(", ")"));
            if (owner.equals(internalClass) && member.equals(method)) {
                String kind = broken == Rule.NATIVE ? "native method " : "method ";
                return className + " declares " + kind + name + parameters + because;
            }
            String callee = name.equals("<init>") ? "new " + javaName(owner) : javaName(owner) + "." + name;
            return where + " calls " + callee + parameters + because;
        }

        private static String javaName(String internalName) {
            return Type.getObjectType(internalName).getClassName();
        }
    }
}
