package dev.svcinfra.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so that importing it pins nothing but our modules and drivers), which
 * means its versions are written out: they must stay those of the parent pom, and it must list
 * every module the release publishes.
 */
class BomConsistencyTest {
  private final Path root = Path.of(System.getProperty("it.root", "..")).toAbsolutePath();

  @Test
  void theBomHasTheParentsVersion() throws Exception {
    assertThat(text(pom("bom/pom.xml").getDocumentElement(), "version"))
        .isEqualTo(text(pom("pom.xml").getDocumentElement(), "version"));
  }

  @Test
  void everyDriverVersionIsTheOneTheBuildTestsWith() throws Exception {
    Element parent = pom("pom.xml").getDocumentElement();
    Map<String, String> tested = managed(parent, properties(parent));
    Map<String, String> pinned = managed(pom("bom/pom.xml").getDocumentElement(), Map.of());
    pinned.keySet().removeIf(k -> k.startsWith("dev.svcinfra:"));
    assertThat(pinned).isNotEmpty();
    pinned.forEach(
        (artifact, version) ->
            assertThat(tested.get(artifact))
                .as("the parent pom's version of %s", artifact)
                .isEqualTo(version));
  }

  @Test
  void everyPublishedModuleIsInTheBom() throws Exception {
    Element parent = pom("pom.xml").getDocumentElement();
    Set<String> excluded = new HashSet<>();
    NodeList ex = parent.getElementsByTagName("excludeArtifact");
    for (int i = 0; i < ex.getLength(); i++) {
      excluded.add(ex.item(i).getTextContent().strip());
    }
    Set<String> published = new HashSet<>();
    for (Element module : children(child(parent, "modules"), "module")) {
      Element pom = pom(module.getTextContent().strip() + "/pom.xml").getDocumentElement();
      String artifact = text(pom, "artifactId");
      String packaging = child(pom, "packaging") == null ? "jar" : text(pom, "packaging");
      if (packaging.equals("jar") && !excluded.contains(artifact)) {
        published.add("dev.svcinfra:" + artifact);
      }
    }
    assertThat(published).contains("dev.svcinfra:svc-infra-core");
    assertThat(managed(pom("bom/pom.xml").getDocumentElement(), Map.of()).keySet())
        .containsAll(published);
  }

  private Document pom(String path) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(root.resolve(path).toFile());
  }

  /** groupId:artifactId to version of the project's own dependencyManagement. */
  private static Map<String, String> managed(Element project, Map<String, String> properties) {
    Map<String, String> out = new HashMap<>();
    Element deps = child(child(project, "dependencyManagement"), "dependencies");
    for (Element d : children(deps, "dependency")) {
      String version = text(d, "version");
      if (version.startsWith("${") && version.endsWith("}")) {
        version = properties.getOrDefault(version.substring(2, version.length() - 1), version);
      }
      out.put(text(d, "groupId") + ":" + text(d, "artifactId"), version);
    }
    return out;
  }

  private static Map<String, String> properties(Element project) {
    Map<String, String> out = new HashMap<>();
    for (Element p : children(child(project, "properties"), null)) {
      out.put(p.getTagName(), p.getTextContent().strip());
    }
    return out;
  }

  private static Element child(Element parent, String name) {
    return children(parent, name).stream().findFirst().orElse(null);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().strip();
  }
}
