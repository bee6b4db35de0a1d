package io.cnnhomework.grader.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flattening a module's pom: versions and scopes from the root's dependencyManagement, properties resolved, test scope dropped. */
class RepositoryPomsTest {

    private static final String ROOT = """
            <project>
              <groupId>org.example</groupId>
              <artifactId>course</artifactId>
              <version>2.0.0</version>
              <modules><module>lib</module></modules>
              <properties>
                <lib.version>1.2.3</lib.version>
                <reference.dir>${maven.multiModuleProjectDirectory}/reference-data</reference.dir>
              </properties>
              <dependencyManagement>
                <dependencies>
                  <dependency>
                    <groupId>org.example</groupId><artifactId>managed</artifactId><version>${lib.version}</version>
                    <exclusions><exclusion><groupId>org.noise</groupId><artifactId>noise</artifactId></exclusion></exclusions>
                  </dependency>
                  <dependency>
                    <groupId>org.example</groupId><artifactId>runtime-only</artifactId><version>4.5</version><scope>runtime</scope>
                  </dependency>
                  <dependency>
                    <groupId>org.junit</groupId><artifactId>junit-bom</artifactId><version>5.0</version><type>pom</type><scope>import</scope>
                  </dependency>
                </dependencies>
              </dependencyManagement>
              <build><pluginManagement><plugins>
                <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
              </plugins></pluginManagement></build>
            </project>
            """;

    @TempDir
    Path repo;

    private RepositoryPoms withModule(String dependencies) throws IOException {
        Files.writeString(repo.resolve("pom.xml"), ROOT);
        Files.createDirectories(repo.resolve("lib"));
        Files.writeString(repo.resolve("lib/pom.xml"), """
                <project>
                  <parent><groupId>org.example</groupId><artifactId>course</artifactId><version>2.0.0</version></parent>
                  <artifactId>lib</artifactId>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(dependencies));
        return new RepositoryPoms(repo);
    }

    @Test
    void managedVersionsScopesAndExclusionsAreFilledInAndTestScopeIsDropped() throws IOException {
        RepositoryPoms poms = withModule("""
                <dependency><groupId>org.example</groupId><artifactId>sibling</artifactId><version>${project.version}</version></dependency>
                <dependency><groupId>org.example</groupId><artifactId>managed</artifactId></dependency>
                <dependency><groupId>org.example</groupId><artifactId>runtime-only</artifactId></dependency>
                <dependency><groupId>org.example</groupId><artifactId>tests</artifactId><version>1</version><scope>test</scope></dependency>
                """);

        assertEquals(List.of(
                new RepositoryPoms.Dependency("org.example", "sibling", "2.0.0", "compile", null, null, false, List.of()),
                new RepositoryPoms.Dependency("org.example", "managed", "1.2.3", "compile", null, null, false, List.of("org.noise:noise")),
                new RepositoryPoms.Dependency("org.example", "runtime-only", "4.5", "runtime", null, null, false, List.of())),
                poms.runtimeDependencies("lib"));
        assertEquals("3.5.4", poms.pluginVersions().get("maven-surefire-plugin"));
        assertEquals("1.2.3", poms.properties().get("lib.version"));
        assertEquals(null, poms.properties().get("reference.dir"), "known to Maven only at build time");
    }

    @Test
    void dependencyWithoutAnyVersionIsNamed() throws IOException {
        RepositoryPoms poms = withModule("<dependency><groupId>org.example</groupId><artifactId>loose</artifactId></dependency>");

        HandoutException e = assertThrows(HandoutException.class, () -> poms.runtimeDependencies("lib"));

        assertEquals(repo.resolve("lib/pom.xml") + ": dependency org.example:loose has no version, neither there nor in the root pom's"
                + " dependencyManagement", e.getMessage());
    }

    @Test
    void unknownPropertyIsNamed() throws IOException {
        RepositoryPoms poms = withModule("<dependency><groupId>org.example</groupId><artifactId>x</artifactId><version>${nowhere.version}</version></dependency>");

        HandoutException e = assertThrows(HandoutException.class, () -> poms.runtimeDependencies("lib"));

        assertEquals("property ${nowhere.version} in \"${nowhere.version}\" has no value in the root pom; the handout's poms need literal versions",
                e.getMessage());
    }

    @Test
    void moduleMissingFromTheRootPomIsNamed() throws IOException {
        RepositoryPoms poms = withModule("");

        HandoutException e = assertThrows(HandoutException.class, () -> poms.runtimeDependencies("grader"));

        assertEquals(repo.resolve("pom.xml") + " lists no module with artifactId grader", e.getMessage());
    }
}
