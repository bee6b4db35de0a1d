package io.cnnhomework.grader.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rule a reference to a JDK or student-API class or member breaks, if any. Knows nothing of
 * the submission: {@link ClassScanner} decides about the submission's own classes first.
 */
final class ReferenceRules {

    /** Where submission classes live (internal form), subpackages included. */
    static final String HOMEWORK_PACKAGE = "homework/";

    /** Allowed classes inside packages that are otherwise denied. */
    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "java/io/PrintStream", "java/io/Serializable", "java/io/IOException", "java/io/UncheckedIOException",
            "java/io/Closeable", "java/io/Flushable",
            // javac's $deserializeLambda$ for serializable lambdas reads it; it is a plain record of names.
            "java/lang/invoke/SerializedLambda");

    /** Denied classes inside allowed packages, and more specific rules inside denied ones; nested classes follow their outer class. */
    private static final Map<String, Rule> DENIED_CLASSES = Map.ofEntries(
            Map.entry("java/lang/Thread", Rule.THREADS),
            Map.entry("java/lang/ThreadGroup", Rule.THREADS),
            Map.entry("java/lang/ThreadLocal", Rule.THREADS),
            Map.entry("java/lang/InheritableThreadLocal", Rule.THREADS),
            Map.entry("java/util/Timer", Rule.THREADS),
            Map.entry("java/util/TimerTask", Rule.THREADS),
            // StreamSupport.stream(spliterator, parallel) makes parallel streams from a flag.
            Map.entry("java/util/stream/StreamSupport", Rule.THREADS),
            Map.entry("java/lang/Runtime", Rule.EXIT),
            Map.entry("java/lang/SecurityManager", Rule.EXIT),
            Map.entry("java/lang/RuntimePermission", Rule.EXIT),
            Map.entry("java/lang/System$Logger", Rule.EXIT),
            Map.entry("java/lang/System$LoggerFinder", Rule.EXIT),
            Map.entry("java/lang/Process", Rule.PROCESS),
            Map.entry("java/lang/ProcessBuilder", Rule.PROCESS),
            Map.entry("java/lang/ProcessHandle", Rule.PROCESS),
            Map.entry("java/lang/Module", Rule.REFLECTION),
            Map.entry("java/lang/ModuleLayer", Rule.REFLECTION),
            Map.entry("java/lang/Package", Rule.REFLECTION),
            Map.entry("java/lang/StackWalker", Rule.REFLECTION),
            Map.entry("java/lang/ClassValue", Rule.REFLECTION),
            Map.entry("java/lang/ClassLoader", Rule.CLASSLOADING),
            Map.entry("java/security/SecureClassLoader", Rule.CLASSLOADING),
            Map.entry("java/net/URLClassLoader", Rule.CLASSLOADING),
            Map.entry("java/util/ServiceLoader", Rule.CLASSLOADING),
            Map.entry("java/util/ResourceBundle", Rule.CLASSLOADING),
            Map.entry("java/nio/channels/SocketChannel", Rule.NETWORK),
            Map.entry("java/nio/channels/ServerSocketChannel", Rule.NETWORK),
            Map.entry("java/nio/channels/DatagramChannel", Rule.NETWORK),
            Map.entry("java/nio/channels/AsynchronousSocketChannel", Rule.NETWORK),
            Map.entry("java/nio/channels/AsynchronousServerSocketChannel", Rule.NETWORK),
            Map.entry("java/nio/channels/NetworkChannel", Rule.NETWORK),
            Map.entry("java/nio/channels/MulticastChannel", Rule.NETWORK),
            Map.entry("java/nio/channels/MembershipKey", Rule.NETWORK));

    /**
     * A package and what referring to it means; {@code rule} null means allowed.
     *
     * @param prefix the package in internal form, ending in {@code /}
     * @param subpackages whether the rule also covers packages below it
     */
    private record PackageRule(String prefix, boolean subpackages, Rule rule) {

        boolean covers(String internalName) {
            return internalName.startsWith(prefix) && (subpackages || internalName.indexOf('/', prefix.length()) < 0);
        }
    }

    /** First match wins, so subpackages come before their parents. Anything unmatched is {@link Rule#OTHER}. */
    private static final List<PackageRule> PACKAGES = List.of(
            new PackageRule("io/cnnhomework/tensor/", true, null),
            new PackageRule("io/cnnhomework/nn/", true, null),
            new PackageRule("java/lang/reflect/", true, Rule.REFLECTION),
            new PackageRule("java/lang/invoke/", true, Rule.REFLECTION),
            new PackageRule("java/lang/runtime/", true, Rule.REFLECTION),
            new PackageRule("java/lang/instrument/", true, Rule.CLASSLOADING),
            new PackageRule("java/lang/foreign/", true, Rule.UNSAFE),
            new PackageRule("java/lang/annotation/", true, null),
            new PackageRule("java/lang/", false, null),
            new PackageRule("java/io/", true, Rule.FILESYSTEM),
            new PackageRule("java/nio/file/", true, Rule.FILESYSTEM),
            new PackageRule("java/nio/channels/", true, Rule.FILESYSTEM),
            new PackageRule("java/net/", true, Rule.NETWORK),
            new PackageRule("javax/net/", true, Rule.NETWORK),
            new PackageRule("java/util/concurrent/", true, Rule.THREADS),
            new PackageRule("java/util/function/", true, null),
            new PackageRule("java/util/stream/", true, null),
            new PackageRule("java/util/regex/", true, null),
            new PackageRule("java/util/", false, null),
            new PackageRule("java/math/", true, null),
            new PackageRule("sun/", true, Rule.UNSAFE),
            new PackageRule("jdk/", true, Rule.UNSAFE),
            new PackageRule("com/sun/", true, Rule.UNSAFE));

    /** The members of {@code System} a submission may use: printing, copying arrays, timing. */
    private static final Set<String> SYSTEM_MEMBERS = Set.of(
            "out", "err", "arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode", "lineSeparator");

    /** The members of {@code Class} a submission may use: names and type tests, nothing that reaches members or loaders. */
    private static final Set<String> CLASS_MEMBERS = Set.of(
            "getName", "getSimpleName", "getTypeName", "getCanonicalName", "getPackageName", "toString", "hashCode", "equals",
            "isInstance", "cast", "isAssignableFrom", "isArray", "isPrimitive", "isInterface", "isEnum", "isRecord",
            "isAnnotation", "isAnonymousClass", "isLocalClass", "isMemberClass", "getComponentType", "componentType",
            "arrayType", "descriptorString", "desiredAssertionStatus", "getSuperclass", "getInterfaces", "getEnumConstants",
            "getModifiers");

    private ReferenceRules() {
    }

    /**
     * @param internalName a class outside the submission, in internal form ({@code java/lang/Thread$State})
     * @return the rule referring to it breaks, or null when it may be used
     */
    static Rule forClass(String internalName) {
        if (internalName.startsWith(HOMEWORK_PACKAGE)) {
            return null;
        }
        if (ALLOWED_CLASSES.contains(internalName)) {
            return null;
        }
        Rule denied = DENIED_CLASSES.get(internalName);
        if (denied == null) {
            denied = DENIED_CLASSES.get(outermost(internalName));
        }
        if (denied != null) {
            return denied;
        }
        for (PackageRule p : PACKAGES) {
            if (p.covers(internalName)) {
                return p.rule();
            }
        }
        return Rule.OTHER;
    }

    /**
     * @param owner a class that {@link #forClass} allows, in internal form
     * @param name the field or method name ({@code <init>} for constructors)
     * @param descriptor its descriptor
     * @return the rule using that member breaks, or null when it may be used
     */
    static Rule forMember(String owner, String name, String descriptor) {
        switch (owner) {
            case "java/lang/System":
                return SYSTEM_MEMBERS.contains(name) ? null : Rule.EXIT;
            case "java/lang/Class":
                return CLASS_MEMBERS.contains(name) ? null : Rule.REFLECTION;
            case "java/lang/Integer":
                return name.equals("getInteger") ? Rule.EXIT : null;
            case "java/lang/Long":
                return name.equals("getLong") ? Rule.EXIT : null;
            case "java/lang/Boolean":
                return name.equals("getBoolean") ? Rule.EXIT : null;
            case "java/util/Locale", "java/util/TimeZone":
                return name.equals("setDefault") ? Rule.EXIT : null;
            case "java/io/PrintStream":
                // new PrintStream("name") creates a file; System.out.close() cuts the grader's channel.
                return name.equals("<init>") ? Rule.FILESYSTEM : name.equals("close") ? Rule.EXIT : null;
            case "java/util/Formatter":
                return name.equals("<init>") && descriptor.startsWith("(Ljava/lang/String;") ? Rule.FILESYSTEM : null;
            default:
                break;
        }
        // Collection.parallelStream, BaseStream.parallel, Arrays.parallelSort/SetAll/Prefix: the common fork-join pool.
        if (name.startsWith("parallel") && owner.startsWith("java/util/")) {
            return Rule.THREADS;
        }
        return null;
    }

    /**
     * @param owner a class that {@link #forClass} denies, in internal form
     * @param name a member of it
     * @param classRule the rule the class breaks
     * @return the rule using that member breaks: the class's, unless the member is more specific
     */
    static Rule forMemberOfDenied(String owner, String name, Rule classRule) {
        return owner.equals("java/lang/Runtime") && name.equals("exec") ? Rule.PROCESS : classRule;
    }

    /**
     * A short English reason for a denied member, more precise than its rule's, or null.
     *
     * @param owner the member's owner in internal form
     * @param name the member's name
     */
    static String memberReason(String owner, String name) {
        return switch (owner + "." + name) {
            case "java/lang/System.exit", "java/lang/Runtime.exit", "java/lang/Runtime.halt" -> "ends the JVM";
            case "java/lang/Runtime.addShutdownHook" -> "runs code when the JVM ends";
            case "java/lang/System.setOut", "java/lang/System.setErr", "java/lang/System.setIn" -> "replaces a standard stream";
            case "java/lang/System.in" -> "reads standard input";
            case "java/lang/System.getenv" -> "reads the environment";
            case "java/lang/System.getProperty", "java/lang/System.getProperties", "java/lang/System.setProperty",
                    "java/lang/System.setProperties", "java/lang/System.clearProperty", "java/lang/Integer.getInteger",
                    "java/lang/Long.getLong", "java/lang/Boolean.getBoolean" -> "reads or changes system properties";
            case "java/lang/System.load", "java/lang/System.loadLibrary", "java/lang/Runtime.load",
                    "java/lang/Runtime.loadLibrary" -> "loads native code";
            case "java/lang/System.setSecurityManager", "java/lang/System.getSecurityManager" -> "touches the security manager";
            case "java/io/PrintStream.close" -> "closes a standard stream";
            case "java/lang/Runtime.exec" -> "starts an operating-system process";
            default -> null;
        };
    }

    private static String outermost(String internalName) {
        int dollar = internalName.indexOf('$', internalName.lastIndexOf('/') + 1);
        return dollar < 0 ? internalName : internalName.substring(0, dollar);
    }
}
