package io.smartvitals.conformance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/ names a file that exists and, with a fragment, a
 * heading in it (GitHub's anchor rules), so moving a page cannot leave a reader at a dead end.
 */
class DocsLinksTest {

	private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]*)\\)");
	private static final Pattern FENCE = Pattern.compile("(?s)```.*?```");

	static String anchor(String heading) {
		return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
	}

	private static Set<String> anchors(Path file) throws IOException {
		Set<String> anchors = new HashSet<>();
		for (String line : Files.readAllLines(file)) {
			if (line.matches("^#+ .*")) {
				anchors.add(anchor(line.replaceFirst("^#+ ", "")));
			}
		}
		return anchors;
	}

	@Test
	void everyRelativeLinkResolves() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
		try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
			docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
		}
		List<String> broken = new ArrayList<>();
		for (Path page : pages) {
			String text = FENCE.matcher(Files.readString(page)).replaceAll("");
			Matcher link = LINK.matcher(text);
			while (link.find()) {
				String target = link.group(1);
				if (target.startsWith("http") || target.startsWith("mailto:")) {
					continue;
				}
				int hash = target.indexOf('#');
				String path = hash < 0 ? target : target.substring(0, hash);
				Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
				if (!file.startsWith(ROOT)) {
					broken.add(ROOT.relativize(page) + ": " + target + " (outside the repository: a reader of a clone has no such file)");
				} else if (!Files.exists(file)) {
					broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
				} else if (hash >= 0 && file.toString().endsWith(".md") && !anchors(file).contains(target.substring(hash + 1))) {
					broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
				}
			}
		}
		assertThat(broken).as("broken links in the docs").isEmpty();
		assertThat(pages).as("README and the docs pages").hasSizeGreaterThan(15);
		assertThat(Files.readAllLines(ROOT.resolve("README.md"))).as("README is a front page").hasSizeLessThanOrEqualTo(200);
	}
}
