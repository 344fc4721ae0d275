package io.smartvitals.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line arguments. */
record Arguments(Map<String, String> values) {

	static Arguments parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --name value pairs, got: " + args[i]);
			}
			values.put(args[i].substring(2), args[++i]);
		}
		return new Arguments(values);
	}

	String get(String name, String fallback) {
		return values.getOrDefault(name, fallback);
	}

	int getInt(String name, int fallback) {
		return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
	}
}
