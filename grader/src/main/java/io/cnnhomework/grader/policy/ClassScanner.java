package io.cnnhomework.grader.policy;

import io.cnnhomework.grader.policy.BytecodePolicy.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Walks the class files of one submission and collects every reference that breaks a {@link Rule}.
 *
 * <p>Two passes: the first indexes the submission's own classes (their package, supertypes and
 * declared members), so that the second can tell the submission's classes from the JDK's and can
 * see through a submission class to the JDK members it inherits: {@code myList.parallelStream()}
 * is compiled against {@code homework/MyList}, not {@code java/util/Collection}.
 */
final class ClassScanner {

    private static final int PARSING = ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES;

    /** The bootstrap methods javac emits for lambdas, method references, string concatenation and records. */
    private static final Set<String> JAVAC_BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat",
            "java/lang/runtime/ObjectMethods.bootstrap");

    /** One of the submission's own classes, as far as resolving inherited members needs it. */
    private record OwnClass(String superName, List<String> interfaces, Set<String> members) {

        boolean declares(String name, String descriptor, boolean method) {
            return members.contains(memberKey(name, descriptor, method));
        }
    }

    /** Where a reference occurs: a class, and a method of it ({@code ""} for the class's own declaration and fields). */
    private record Site(String className, String method) {
    }

    /**
     * One broken rule before de-duplication.
     *
     * @param owner for a member reference, the class that owns the member; else null
     */
    private record Finding(Site site, String reference, Rule rule, String owner) {
    }

    private final Map<String, OwnClass> ownClasses = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    private ClassScanner() {
    }

    /**
     * @param classFiles the submission's class files by path, in the order to report them
     * @return the violations, one per class, method and reference, sorted by those three
     * @throws IOException when a file is not a class file this policy can read
     */
    static List<Violation> scan(Map<Path, byte[]> classFiles) throws IOException {
        ClassScanner scanner = new ClassScanner();
        Map<Path, ClassReader> readers = new LinkedHashMap<>();
        for (Map.Entry<Path, byte[]> file : classFiles.entrySet()) {
            try {
                ClassReader reader = new ClassReader(file.getValue());
                reader.accept(scanner.new Indexer(), ClassReader.SKIP_CODE | PARSING);
                readers.put(file.getKey(), reader);
            } catch (RuntimeException e) {
                throw unreadable(file.getKey(), e);
            }
        }
        for (Map.Entry<Path, ClassReader> file : readers.entrySet()) {
            try {
                file.getValue().accept(scanner.new ClassChecker(), PARSING);
            } catch (RuntimeException e) {
                throw unreadable(file.getKey(), e);
            }
        }
        return scanner.violations();
    }

    private static IOException unreadable(Path file, RuntimeException e) {
        return new IOException(file + " is not a class file the bytecode policy can read: " + e, e);
    }

    private static String memberKey(String name, String descriptor, boolean method) {
        return method ? name + descriptor : name;
    }

    /**
     * Drops a plain use of a class where the same method also uses a member of it (the member says
     * more: {@code new File(name)} is one violation, the constructor, not two), keeps one finding
     * per class, method and reference, and sorts them.
     */
    private List<Violation> violations() {
        record SiteOwner(Site site, String owner) {
        }
        Set<SiteOwner> usedMembers = new HashSet<>();
        for (Finding f : findings) {
            if (f.owner() != null) {
                usedMembers.add(new SiteOwner(f.site(), f.owner()));
            }
        }
        Comparator<Violation> order = Comparator.comparing(Violation::className).thenComparing(Violation::method)
                .thenComparing(Violation::reference);
        Set<Violation> unique = new TreeSet<>(order);
        for (Finding f : findings) {
            if (f.owner() != null || !usedMembers.contains(new SiteOwner(f.site(), f.reference()))) {
                unique.add(new Violation(f.site().className(), f.site().method(), f.reference(), f.rule().id()));
            }
        }
        return List.copyOf(unique);
    }

    /** The rule a reference to this class breaks, or null; the submission's own classes are allowed only in package homework. */
    private Rule classRule(String internalName) {
        if (ownClasses.containsKey(internalName)) {
            return internalName.startsWith(ReferenceRules.HOMEWORK_PACKAGE) ? null : Rule.FOREIGN_PACKAGE;
        }
        return ReferenceRules.forClass(internalName);
    }

    private void checkType(Site site, Type type) {
        switch (type.getSort()) {
            case Type.ARRAY -> checkType(site, type.getElementType());
            case Type.OBJECT -> {
                Rule rule = classRule(type.getInternalName());
                if (rule != null) {
                    findings.add(new Finding(site, type.getInternalName(), rule, null));
                }
            }
            case Type.METHOD -> checkDescriptor(site, type.getDescriptor());
            default -> {
                // primitives and void
            }
        }
    }

    /** @param name an internal name, or an array descriptor where the class file allows one */
    private void checkTypeName(Site site, String name) {
        checkType(site, name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name));
    }

    /** @param descriptor a field or method descriptor */
    private void checkDescriptor(Site site, String descriptor) {
        if (descriptor.startsWith("(")) {
            for (Type argument : Type.getArgumentTypes(descriptor)) {
                checkType(site, argument);
            }
            checkType(site, Type.getReturnType(descriptor));
        } else {
            checkType(site, Type.getType(descriptor));
        }
    }

    private void checkMember(Site site, String owner, String name, String descriptor, boolean method) {
        if (owner.startsWith("[")) {
            // clone() or an Object method on an array: the element type is the only class named.
            checkTypeName(site, owner);
            checkDescriptor(site, descriptor);
            return;
        }
        String reference = owner + "." + memberKey(name, descriptor, method);
        Rule rule = classRule(owner);
        if (rule != null) {
            rule = ReferenceRules.forMemberOfDenied(owner, name, rule);
        } else if (ownClasses.containsKey(owner)) {
            rule = inheritedRule(owner, name, descriptor, method);
        } else {
            rule = ReferenceRules.forMember(owner, name, descriptor);
        }
        if (rule != null) {
            // The member is the culprit; its parameter types would only repeat it.
            findings.add(new Finding(site, reference, rule, owner));
        } else {
            checkDescriptor(site, descriptor);
        }
    }

    /**
     * The rule a member reached through a submission class breaks when the submission does not
     * declare it on the way up, so that {@code MyList.parallelStream()} counts as {@code
     * Collection.parallelStream()}.
     */
    private Rule inheritedRule(String owner, String name, String descriptor, boolean method) {
        Deque<String> todo = new ArrayDeque<>(List.of(owner));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String type = todo.pop();
            if (!seen.add(type)) {
                continue;
            }
            OwnClass own = ownClasses.get(type);
            if (own == null) {
                Rule rule = ReferenceRules.forClass(type) == null ? ReferenceRules.forMember(type, name, descriptor) : null;
                if (rule != null) {
                    return rule;
                }
            } else if (!own.declares(name, descriptor, method)) {
                if (own.superName() != null) {
                    todo.add(own.superName());
                }
                todo.addAll(own.interfaces());
            }
        }
        return null;
    }

    private void checkHandle(Site site, Handle handle) {
        boolean method = handle.getTag() > Opcodes.H_PUTSTATIC;
        checkMember(site, handle.getOwner(), handle.getName(), handle.getDesc(), method);
    }

    private void checkBootstrapArgument(Site site, Object argument) {
        if (argument instanceof Type type) {
            checkType(site, type);
        } else if (argument instanceof Handle handle) {
            checkHandle(site, handle);
        } else if (argument instanceof ConstantDynamic constant) {
            checkConstantDynamic(site, constant);
        }
    }

    /** javac emits no dynamic constants, so any bootstrap of one is hand-made. */
    private void checkConstantDynamic(Site site, ConstantDynamic constant) {
        Handle bootstrap = constant.getBootstrapMethod();
        findings.add(new Finding(site, bootstrap.getOwner() + "." + bootstrap.getName() + bootstrap.getDesc(), Rule.REFLECTION,
                bootstrap.getOwner()));
        checkDescriptor(site, constant.getDescriptor());
        for (int i = 0; i < constant.getBootstrapMethodArgumentCount(); i++) {
            checkBootstrapArgument(site, constant.getBootstrapMethodArgument(i));
        }
    }

    private static boolean isJavacBootstrap(Handle bootstrap) {
        return bootstrap.getTag() == Opcodes.H_INVOKESTATIC && !bootstrap.isInterface()
                && JAVAC_BOOTSTRAPS.contains(bootstrap.getOwner() + "." + bootstrap.getName());
    }

    /** First pass: what the submission declares. */
    private final class Indexer extends ClassVisitor {

        private Set<String> members;

        Indexer() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            members = new HashSet<>();
            ownClasses.put(name, new OwnClass(superName, interfaces == null ? List.of() : List.of(interfaces), members));
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            members.add(memberKey(name, descriptor, false));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            members.add(memberKey(name, descriptor, true));
            return null;
        }
    }

    /**
     * Second pass: every class named by the declaration and the code. Annotations, generic
     * signatures, inner-class tables and debug information are not read: they run nothing, and the
     * inner-class table names {@code MethodHandles$Lookup} for every lambda.
     */
    private final class ClassChecker extends ClassVisitor {

        private String internalName;
        private Site declaration;

        ClassChecker() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            internalName = name;
            declaration = new Site(Type.getObjectType(name).getClassName(), "");
            if (!name.startsWith(ReferenceRules.HOMEWORK_PACKAGE)) {
                findings.add(new Finding(declaration, name, Rule.FOREIGN_PACKAGE, null));
            }
            if (superName != null) {
                checkTypeName(declaration, superName);
            }
            if (interfaces != null) {
                for (String implemented : interfaces) {
                    checkTypeName(declaration, implemented);
                }
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            checkDescriptor(declaration, descriptor);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            Site site = new Site(declaration.className(), name + descriptor);
            String self = internalName + "." + name + descriptor;
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                findings.add(new Finding(site, self, Rule.NATIVE, null));
            }
            if (name.equals("finalize") && descriptor.equals("()V") && (access & Opcodes.ACC_STATIC) == 0) {
                findings.add(new Finding(site, self, Rule.THREADS, null));
            }
            checkDescriptor(site, descriptor);
            if (exceptions != null) {
                for (String exception : exceptions) {
                    checkTypeName(site, exception);
                }
            }
            return new CodeChecker(site);
        }
    }

    private final class CodeChecker extends MethodVisitor {

        private final Site site;

        CodeChecker(Site site) {
            super(Opcodes.ASM9);
            this.site = site;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            checkTypeName(site, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            checkMember(site, owner, name, descriptor, false);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            checkMember(site, owner, name, descriptor, true);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            if (!isJavacBootstrap(bootstrap)) {
                findings.add(new Finding(site, bootstrap.getOwner() + "." + bootstrap.getName() + bootstrap.getDesc(),
                        Rule.REFLECTION, bootstrap.getOwner()));
            }
            checkDescriptor(site, descriptor);
            for (Object argument : arguments) {
                checkBootstrapArgument(site, argument);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof Type type) {
                if (type.getSort() == Type.METHOD) {
                    // A MethodType constant: javac never loads one outside a bootstrap's arguments.
                    findings.add(new Finding(site, "java/lang/invoke/MethodType", Rule.REFLECTION, null));
                }
                checkType(site, type);
            } else if (value instanceof Handle handle) {
                findings.add(new Finding(site, "java/lang/invoke/MethodHandle", Rule.REFLECTION, null));
                checkHandle(site, handle);
            } else if (value instanceof ConstantDynamic constant) {
                checkConstantDynamic(site, constant);
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            checkDescriptor(site, descriptor);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                checkTypeName(site, type);
            }
        }
    }
}
