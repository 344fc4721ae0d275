package io.smartvitals.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's GC log ({@code -Xlog:gc:file=...}), read for the heap left after each collection:
 * the live data plus what old regions still hold. Its maximum over a window is the figure that
 * grows if a workload keeps what it has already streamed out.
 */
final class GcLog {

	private static final Pattern AFTER = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final Path file;

	GcLog(Path file) {
		this.file = file;
	}

	/** The JVM option that writes this log. */
	String jvmOption() {
		return "-Xlog:gc:file=" + file;
	}

	/** Where the log ends now: the start of a window. */
	long mark() throws IOException {
		return Files.exists(file) ? Files.size(file) : 0;
	}

	/** The collections of a window: how many, and the largest heap left after one (-1 if none). */
	record Window(long collections, long maxHeapAfterGcMiB) {}

	/** The collections logged since {@code mark}. */
	Window since(long mark) throws IOException {
		return window(textSince(mark));
	}

	static Window window(String lines) {
		long collections = 0;
		long max = -1;
		Matcher m = AFTER.matcher(lines);
		while (m.find()) {
			collections++;
			max = Math.max(max, Long.parseLong(m.group(2)));
		}
		return new Window(collections, max);
	}

	private String textSince(long mark) throws IOException {
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			in.seek(mark);
			byte[] rest = new byte[(int) (in.length() - mark)];
			in.readFully(rest);
			return new String(rest, StandardCharsets.UTF_8);
		}
	}
}
