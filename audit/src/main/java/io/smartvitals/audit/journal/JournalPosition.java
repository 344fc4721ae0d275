package io.smartvitals.audit.journal;

/**
 * A place in a node's journal: the byte offset just after a whole entry (or 0) in a numbered
 * segment file. Segments only grow, and only the newest is written to.
 */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {

	@Override
	public int compareTo(JournalPosition other) {
		int bySegment = Long.compare(segment, other.segment);
		return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
	}
}
