package io.cnnhomework.grader.handout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What the course repository's poms say, read without Maven: the root pom's coordinates,
 * properties, managed dependency versions and plugin versions, and each module's dependencies.
 *
 * <p>The handout's file repository cannot hold the root pom as the modules' parent without also
 * shipping its {@code <modules>} and build, so the modules' poms are flattened instead: no
 * parent, every version resolved to a literal, only what a consumer inherits (compile and runtime
 * dependencies). Only the pom features this repository uses are understood; anything else (a
 * module's own dependencyManagement, an unresolved {@code ${...}}) is refused rather than
 * guessed.
 */
final class RepositoryPoms {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final String ROOT_POM = "pom.xml";

    /** A dependency as the flattened pom lists it; {@code null} fields are left out. */
    record Dependency(String groupId, String artifactId, String version, String scope, String type,
            String classifier, boolean optional, List<String> exclusions) {

        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    private final Path root;
    private final Element rootPom;
    private final String groupId;
    private final String version;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Element> managed = new HashMap<>();
    private final Map<String, String> pluginVersions = new LinkedHashMap<>();

    /**
     * @param root the course repository
     * @throws HandoutException when its pom is missing or unreadable
     */
    RepositoryPoms(Path root) {
        this.root = root;
        this.rootPom = parse(root.resolve(ROOT_POM));
        this.groupId = required(rootPom, "groupId", root.resolve(ROOT_POM));
        this.version = required(rootPom, "version", root.resolve(ROOT_POM));
        properties.put("project.groupId", groupId);
        properties.put("project.version", version);
        properties.putAll(propertiesOf(rootPom));
        for (Element dependency : children(child(child(rootPom, "dependencyManagement"), "dependencies"), "dependency")) {
            if (!"import".equals(text(dependency, "scope"))) {
                managed.put(interpolate(text(dependency, "groupId"), properties) + ":"
                        + interpolate(text(dependency, "artifactId"), properties), dependency);
            }
        }
        for (Element plugin : children(child(child(child(rootPom, "build"), "pluginManagement"), "plugins"), "plugin")) {
            String pluginVersion = text(plugin, "version");
            if (pluginVersion != null) {
                pluginVersions.put(text(plugin, "artifactId"), interpolate(pluginVersion, properties));
            }
        }
    }

    String groupId() {
        return groupId;
    }

    String version() {
        return version;
    }

    /**
     * @return the root pom's properties with {@code ${...}} resolved, and {@code project.groupId},
     *     {@code project.version}; a property that refers to one only Maven knows at build time
     *     (such as {@code maven.multiModuleProjectDirectory}) is left out
     */
    Map<String, String> properties() {
        Map<String, String> resolved = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            try {
                resolved.put(name, interpolate(value, properties));
            } catch (HandoutException e) {
                // Only a template that asks for this property fails, naming it.
            }
        });
        return resolved;
    }

    /** @return the version of each plugin in the root pom's pluginManagement, by artifactId */
    Map<String, String> pluginVersions() {
        return Map.copyOf(pluginVersions);
    }

    /**
     * @param artifactId a module's artifactId
     * @param element {@code name} or {@code description}
     * @return that element of the module's pom, or {@code null}
     */
    String moduleText(String artifactId, String element) {
        return text(modulePom(artifactId), element);
    }

    /**
     * The dependencies a consumer of the module inherits: compile and runtime scope, versions and
     * scopes filled in from the root pom's dependencyManagement, properties resolved.
     *
     * @param artifactId a module's artifactId
     * @return its dependencies in the pom's order
     * @throws HandoutException when a version cannot be resolved
     */
    List<Dependency> runtimeDependencies(String artifactId) {
        Element pom = modulePom(artifactId);
        Path file = moduleDirectory(artifactId).resolve(ROOT_POM);
        if (child(pom, "dependencyManagement") != null) {
            throw new HandoutException(file + " has its own dependencyManagement, which the handout's flattened pom does not"
                    + " resolve; move it to the root pom");
        }
        Map<String, String> scope = new LinkedHashMap<>(properties);
        scope.put("project.artifactId", artifactId);
        scope.putAll(propertiesOf(pom));
        List<Dependency> result = new ArrayList<>();
        for (Element dependency : children(child(pom, "dependencies"), "dependency")) {
            String depGroup = interpolate(text(dependency, "groupId"), scope);
            String depArtifact = interpolate(text(dependency, "artifactId"), scope);
            Element management = managed.get(depGroup + ":" + depArtifact);
            String depScope = firstNonNull(text(dependency, "scope"), text(management, "scope"), "compile");
            if (!depScope.equals("compile") && !depScope.equals("runtime")) {
                continue;
            }
            String depVersion = firstNonNull(text(dependency, "version"), text(management, "version"), null);
            if (depVersion == null) {
                throw new HandoutException(file + ": dependency " + depGroup + ":" + depArtifact
                        + " has no version, neither there nor in the root pom's dependencyManagement");
            }
            Element exclusionsOwner = child(dependency, "exclusions") != null ? dependency : management;
            List<String> exclusions = new ArrayList<>();
            for (Element exclusion : children(child(exclusionsOwner, "exclusions"), "exclusion")) {
                exclusions.add(interpolate(text(exclusion, "groupId"), scope) + ":" + interpolate(text(exclusion, "artifactId"), scope));
            }
            result.add(new Dependency(depGroup, depArtifact, interpolate(depVersion, scope), depScope,
                    nullable(firstNonNull(text(dependency, "type"), text(management, "type"), null), scope),
                    nullable(firstNonNull(text(dependency, "classifier"), text(management, "classifier"), null), scope),
                    "true".equals(firstNonNull(text(dependency, "optional"), text(management, "optional"), "false")),
                    List.copyOf(exclusions)));
        }
        return result;
    }

    /** @return the module directory, from the root pom's {@code <modules>}, whose pom declares this artifactId */
    Path moduleDirectory(String artifactId) {
        for (Element module : children(child(rootPom, "modules"), "module")) {
            Path directory = root.resolve(module.getTextContent().strip());
            Path pom = directory.resolve(ROOT_POM);
            if (Files.isRegularFile(pom) && artifactId.equals(text(parse(pom), "artifactId"))) {
                return directory;
            }
        }
        throw new HandoutException(root.resolve(ROOT_POM) + " lists no module with artifactId " + artifactId);
    }

    private Element modulePom(String artifactId) {
        Path file = moduleDirectory(artifactId).resolve(ROOT_POM);
        Element pom = parse(file);
        Element parent = child(pom, "parent");
        if (parent == null || !groupId.equals(text(parent, "groupId")) || !version.equals(text(parent, "version"))
                || !text(rootPom, "artifactId").equals(text(parent, "artifactId"))) {
            throw new HandoutException(file + " does not have the root pom (" + groupId + ":" + text(rootPom, "artifactId")
                    + ":" + version + ") as its parent");
        }
        if (text(pom, "version") != null && !version.equals(text(pom, "version"))) {
            throw new HandoutException(file + " sets version " + text(pom, "version") + ", not the root pom's " + version);
        }
        return pom;
    }

    private static String nullable(String value, Map<String, String> scope) {
        return value == null ? null : interpolate(value, scope);
    }

    private static String firstNonNull(String first, String second, String fallback) {
        return first != null ? first : second != null ? second : fallback;
    }

    /**
     * @throws HandoutException naming the property when a {@code ${...}} has no value
     */
    static String interpolate(String value, Map<String, String> scope) {
        String current = value;
        for (int depth = 0; depth < 10; depth++) {
            Matcher matcher = PROPERTY.matcher(current);
            if (!matcher.find()) {
                return current;
            }
            matcher.reset();
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = scope.get(matcher.group(1));
                if (replacement == null) {
                    throw new HandoutException("property ${" + matcher.group(1) + "} in \"" + value
                            + "\" has no value in the root pom; the handout's poms need literal versions");
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            current = out.toString();
        }
        throw new HandoutException("properties in \"" + value + "\" refer to each other in a cycle");
    }

    private static Map<String, String> propertiesOf(Element pom) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Element property : children(child(pom, "properties"), null)) {
            result.put(property.getTagName(), property.getTextContent().strip());
        }
        return result;
    }

    private static String required(Element pom, String name, Path file) {
        String value = text(pom, name);
        if (value == null) {
            throw new HandoutException(file + " has no <" + name + ">");
        }
        return value;
    }

    private static Element parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(file.toFile()).getDocumentElement();
        } catch (IOException e) {
            throw new HandoutException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new HandoutException(file + " is not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    /** @return the child elements named {@code name}, or all child elements when it is {@code null} */
    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
                result.add(element);
            }
        }
        return result;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }
}
