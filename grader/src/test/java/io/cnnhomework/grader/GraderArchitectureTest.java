package io.cnnhomework.grader;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import io.cnnhomework.grader.exercise.LeakyExercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The architecture as rules: the trust boundary between code that runs student work and code that
 * judges it, the one-way package layering, and what the student-facing modules may see.
 */
class GraderArchitectureTest {

    private static final String GRADER = "io.cnnhomework.grader";

    /** The packages on the side that runs student code, in this JVM or in the child JVM. */
    private static final String[] RUNS_STUDENT_CODE = {GRADER + ".exercise..", GRADER + ".isolation.."};

    /** What the code that runs student work may never see: expected values and the verdicts made from them. */
    private static final String[] HOLDS_EXPECTED_VALUES = {GRADER + ".grading..", GRADER + ".reference..", GRADER + ".report..",
        GRADER + ".batch..", GRADER + ".cli..", GRADER + ".api..", GRADER + ".handout..", GRADER + ".dashboard..",
        GRADER + ".similarity.."};

    /** Packages of java.base; the student API's classes may use nothing else (the JDK's Vector API aside). */
    private static final Set<String> JAVA_BASE = ModuleLayer.boot().findModule("java.base").orElseThrow().getPackages();

    private static JavaClasses grader;
    private static JavaClasses studentApi;

    @BeforeAll
    static void importClasses() {
        grader = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(GRADER);
        studentApi = new ClassFileImporter().importPackages("io.cnnhomework.tensor", "io.cnnhomework.nn");
    }

    /** The trust boundary: inputs cross to student code, expected values never do. */
    static final ArchRule STUDENT_SIDE_NEVER_SEES_EXPECTED_VALUES = noClasses().that().resideInAnyPackage(RUNS_STUDENT_CODE)
            .should().dependOnClassesThat().resideInAnyPackage(HOLDS_EXPECTED_VALUES)
            .because("the code that runs a submission receives inputs only; expected values and comparisons stay in the grader");

    static final ArchRule NO_CYCLES = slices().matching(GRADER + ".(*)..").should().beFreeOfCycles();

    @Test
    void codeThatRunsStudentWorkNeverSeesExpectedValues() {
        STUDENT_SIDE_NEVER_SEES_EXPECTED_VALUES.check(grader);
    }

    @Test
    void theBoundaryRuleCatchesAnExerciseClassThatReadsTheReference() {
        JavaClasses offender = new ClassFileImporter().importClasses(LeakyExercise.class);

        AssertionError violation = assertThrows(AssertionError.class, () -> STUDENT_SIDE_NEVER_SEES_EXPECTED_VALUES.check(offender));
        assertTrue(violation.getMessage().contains("ReferenceTask"), violation.getMessage());
    }

    @Test
    void graderPackagesFormNoCycles() {
        NO_CYCLES.check(grader);
    }

    @Test
    void studentApiDependsOnJavaBaseOnly() {
        classes().should().onlyDependOnClassesThat(inJavaBaseOr("io.cnnhomework.tensor", "io.cnnhomework.nn", "jdk.incubator.vector"))
                .because("students compile against the student API alone")
                .check(studentApi);
    }

    @Test
    void studentTemplateDependsOnTheStudentApiOnly(@TempDir Path classes) throws IOException {
        new SubmissionCompiler().compile(Fixtures.TEMPLATE, classes).close();

        JavaClasses template = new ClassFileImporter().importPath(classes);

        assertFalse(template.isEmpty());
        classes().should().onlyDependOnClassesThat(inJavaBaseOr("homework", "io.cnnhomework.tensor", "io.cnnhomework.nn"))
                .check(template);
    }

    @Test
    void studentTestsUseOnlyTheGradersPublicApi() throws IOException {
        Pattern graderImport = Pattern.compile("^import\\s+(static\\s+)?(" + Pattern.quote(GRADER) + "\\.[\\w.]+);", Pattern.MULTILINE);
        Path tests = Path.of("../student-template/src/test/java");
        List<String> internal;
        try (Stream<Path> files = Files.walk(tests)) {
            internal = files.filter(file -> file.toString().endsWith(".java")).flatMap(file -> {
                Matcher matcher = graderImport.matcher(read(file));
                return matcher.results().map(match -> file.getFileName() + ": " + match.group(2))
                        .filter(line -> !line.contains(GRADER + ".api."));
            }).collect(Collectors.toList());
        }
        assertEquals(List.of(), internal, "the handout's tests import io.cnnhomework.grader.api only, so internal moves never break them");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    private static DescribedPredicate<JavaClass> inJavaBaseOr(String... packages) {
        return DescribedPredicate.describe("in java.base or " + String.join(", ", packages), type -> {
            JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
            String name = base.getPackageName();
            return base.isPrimitive() || JAVA_BASE.contains(name)
                    || Stream.of(packages).anyMatch(allowed -> name.equals(allowed) || name.startsWith(allowed + "."));
        });
    }
}
