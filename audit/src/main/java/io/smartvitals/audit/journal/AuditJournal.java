package io.smartvitals.audit.journal;

import io.smartvitals.audit.record.AuditRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A node's append-only audit journal: numbered segment files in a directory of its own. A request
 * appends its record with one {@code write}; when the record must survive a crash of the machine
 * too, it also waits for a flush to disk ({@code fdatasync}) that covers every record written
 * before it (group flush: one flush serves every request that wrote before it). A background mover
 * then chains the records into the database in large batches and deletes finished segments.
 *
 * <p>Why: on a 2-core machine an audit record committed to PostgreSQL on the request's path costs a
 * database transaction per read (hundreds of µs of CPU against a 1 ms read, plus a WAL flush of its
 * own); a local append is a few µs and a local flush about 80 µs of waiting, not of CPU.
 *
 * <p>The segment being written is extended with zeros ahead of its entries, a megabyte at a time,
 * so that a flush writes data only: a flush that also grows the file must commit the file's new
 * size through the filesystem's own journal, which here made it half as fast again and doubled its
 * CPU (see docs/benchmarks.md). A closed segment is cut back to its entries; one left by a crash ends
 * in zeros, which readers take as the end of its entries.
 *
 * <p>The directory must outlive the process (a persistent volume in containers): records in it are
 * not yet in the database. A lock file keeps a second process out; at every start the journal
 * writes a new segment, so it never appends after an entry that a crash cut short.
 */
public final class AuditJournal implements AutoCloseable {

	private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{16})\\.journal");
	private static final int READ_CHUNK = 1 << 20;
	/** How far ahead of its entries the segment being written is filled with zeros. */
	static final int PREALLOCATION = 1 << 20;
	private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PREALLOCATION).asReadOnlyBuffer();

	private final Path directory;
	private final String nodeId;
	private final long segmentBytes;
	private final SegmentFlush segmentFlush;
	private final FlushDelay flushDelay;
	private final FileChannel lockChannel;
	private final FileLock lock;

	// Guarded by this.
	private FileChannel current;
	private long segment;
	private long written;
	/** Where the zeros written ahead of the entries end. */
	private long allocated;
	private boolean closed;

	/** Whole entries written so far (readers never read past it). */
	private volatile JournalPosition end;
	// Guarded by this, like the segment: whether a flush runs, and how far flushes reached.
	private boolean flushing;
	private JournalPosition flushed = new JournalPosition(0, 0);
	private IOException flushFailure;
	private long flushes;
	/** Threads in {@link #awaitFlush}, leaders included. */
	private int awaiting;
	/** The leader waiting for others to write before it flushes, if any. */
	private Thread delayedLeader;

	/** How a segment is forced to disk; tests put a failing disk in its place. */
	@FunctionalInterface
	interface SegmentFlush {
		void force(FileChannel segment) throws IOException;
	}

	private AuditJournal(Path directory, String nodeId, long segmentBytes, SegmentFlush segmentFlush, FlushDelay flushDelay,
			FileChannel lockChannel, FileLock lock, long firstSegment) throws IOException {
		this.directory = directory;
		this.nodeId = nodeId;
		this.segmentBytes = segmentBytes;
		this.segmentFlush = segmentFlush;
		this.flushDelay = flushDelay;
		this.lockChannel = lockChannel;
		this.lock = lock;
		startSegment(firstSegment);
	}

	/**
	 * Opens (or creates) the journal in {@code directory}.
	 *
	 * @param segmentBytes a segment is closed and a new one started once it holds this much
	 * @throws IllegalStateException when another process holds the journal
	 */
	public static AuditJournal open(Path directory, long segmentBytes) throws IOException {
		return open(directory, segmentBytes, FlushDelay.NONE);
	}

	/** As {@link #open(Path, long)}; a flush's leader waits as {@code flushDelay} says before it forces the segment. */
	public static AuditJournal open(Path directory, long segmentBytes, FlushDelay flushDelay) throws IOException {
		return open(directory, segmentBytes, segment -> segment.force(false), flushDelay);
	}

	static AuditJournal open(Path directory, long segmentBytes, SegmentFlush segmentFlush, FlushDelay flushDelay) throws IOException {
		Files.createDirectories(directory);
		FileChannel lockChannel = FileChannel.open(directory.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = lockChannel.tryLock();
		} catch (OverlappingFileLockException sameProcess) {
			lock = null;
		}
		if (lock == null) {
			lockChannel.close();
			throw new IllegalStateException("Another process uses the audit journal in " + directory
					+ "; every server node needs a journal directory of its own");
		}
		try {
			String nodeId = nodeId(directory);
			List<Long> segments = segments(directory);
			long next = segments.isEmpty() ? 1 : segments.get(segments.size() - 1) + 1;
			return new AuditJournal(directory, nodeId, segmentBytes, segmentFlush, flushDelay, lockChannel, lock, next);
		} catch (IOException | RuntimeException e) {
			lock.release();
			lockChannel.close();
			throw e;
		}
	}

	/** The journal's own id (made once, kept in the directory): the database keeps how far each journal was chained under it. */
	public String nodeId() {
		return nodeId;
	}

	/**
	 * Appends the record.
	 *
	 * @param flush whether to return only once the record is on disk (it survives a crash of the
	 *     machine); otherwise it survives a crash of this process, not of the machine's kernel
	 */
	public void append(AuditRecord record, boolean flush) throws IOException {
		JournalPosition mine = write(record);
		if (flush) {
			awaitFlush(mine);
		}
	}

	/**
	 * Appends the record without waiting for a flush: it survives a crash of this process. {@link
	 * #awaitFlush} with the position returned waits until it survives a crash of the machine too.
	 */
	public JournalPosition write(AuditRecord record) throws IOException {
		byte[] frame = EntryFormat.frame(record);
		JournalPosition mine;
		synchronized (this) {
			if (closed) {
				throw new IOException("The audit journal is closed");
			}
			if (written > 0 && written + frame.length > segmentBytes) {
				roll();
			}
			allocateFor(frame.length);
			ByteBuffer buffer = ByteBuffer.wrap(frame);
			while (buffer.hasRemaining()) {
				written += current.write(buffer, written);
			}
			mine = new JournalPosition(segment, written);
			end = mine;
		}
		return mine;
	}

	/**
	 * Returns once a flush covers {@code mine} (an entry's end, as {@link #write} returned it). Group flush, leader and followers: when no flush is
	 * running, this thread forces the segment itself, covering everything written so far; when one
	 * is running, it waits for it, and leads the next one if that did not cover its record. A
	 * dedicated flusher thread cost two thread hand-offs per flush, which on these virtual machines
	 * made a lone flushed append cost 120 us of CPU against 70 us for the flush itself
	 * ({@code JournalFlushBenchmark}). Under load a leader first waits as its {@link FlushDelay} says,
	 * so that more records join its flush. A failed flush is final: what reached the disk is unknown, so
	 * no later append is acknowledged.
	 */
	public void awaitFlush(JournalPosition mine) throws IOException {
		synchronized (this) {
			awaiting++;
			if (delayedLeader != null && !flushDelay.applies(awaiting)) {
				// Too few requests are left that may still write: waiting on would leave cores idle.
				LockSupport.unpark(delayedLeader);
			}
		}
		try {
			while (!flushedOrLead(mine)) {
				// This thread leads the next flush.
				delayForOthers();
				FileChannel channel;
				JournalPosition target;
				synchronized (this) {
					channel = current;
					target = end;
				}
				lead(channel, target);
			}
		} finally {
			synchronized (this) {
				awaiting--;
			}
		}
	}

	/** True once a flush covers {@code mine}; false when this thread is to lead the next flush (and is marked as its leader). */
	private synchronized boolean flushedOrLead(JournalPosition mine) throws IOException {
		while (true) {
			if (flushed.compareTo(mine) >= 0) {
				return true;
			}
			if (flushFailure != null) {
				throw new IOException("The audit journal could not be flushed to disk", flushFailure);
			}
			if (closed) {
				throw new IOException("The audit journal was closed before the record was flushed");
			}
			if (!flushing) {
				flushing = true;
				return false;
			}
			try {
				wait();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for the audit journal's flush", e);
			}
		}
	}

	/**
	 * Waits up to the flush delay while it applies, so that records the other requests in progress
	 * are about to write join this flush; a request that begins to wait for a flush wakes this leader
	 * as soon as the delay no longer applies.
	 */
	private void delayForOthers() {
		long deadline = System.nanoTime() + flushDelay.delay().toNanos();
		synchronized (this) {
			if (!flushDelay.applies(awaiting)) {
				return;
			}
			delayedLeader = Thread.currentThread();
		}
		try {
			for (long left = deadline - System.nanoTime(); left > 0 && !Thread.currentThread().isInterrupted();
					left = deadline - System.nanoTime()) {
				LockSupport.parkNanos(this, left);
				synchronized (this) {
					if (!flushDelay.applies(awaiting)) {
						return;
					}
				}
			}
		} finally {
			synchronized (this) {
				delayedLeader = null;
			}
		}
	}

	/** One flush through {@code target}, outside the monitor so that others write meanwhile. */
	private void lead(FileChannel channel, JournalPosition target) {
		IOException failure = null;
		try {
			segmentFlush.force(channel);
		} catch (ClosedChannelException rolledOrClosed) {
			// roll() and close() force the segment before they close it.
		} catch (IOException e) {
			failure = e;
		} finally {
			synchronized (this) {
				flushing = false;
				if (failure != null) {
					flushFailure = failure;
				} else if (flushed.compareTo(target) < 0) {
					flushed = target;
					flushes++;
				}
				notifyAll();
			}
		}
	}

	/**
	 * Makes sure zeros stand where the next {@code bytes} go, writing the next stretch ahead when
	 * they do not (never past the segment's size, unless one entry is larger). The next flush puts
	 * them on disk with the file's new size; the flushes after it then write data only. With this held.
	 */
	private void allocateFor(int bytes) throws IOException {
		if (written + bytes <= allocated) {
			return;
		}
		long target = Math.max(written + bytes, Math.min(segmentBytes, written + PREALLOCATION));
		while (allocated < target) {
			ByteBuffer zeros = ZEROS.duplicate();
			zeros.limit((int) Math.min(zeros.capacity(), target - allocated));
			allocated += current.write(zeros, allocated);
		}
	}

	/** Cuts the written segment back to its entries, flushes and closes it. With this held. */
	private void finishSegment() throws IOException {
		current.truncate(written);
		current.force(false);
		current.close();
	}

	/** Closes the written segment and starts the next. With this held. */
	private void roll() throws IOException {
		finishSegment();
		startSegment(segment + 1);
	}

	private void startSegment(long number) throws IOException {
		current = FileChannel.open(segmentFile(number), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		segment = number;
		written = 0;
		allocated = 0;
		end = new JournalPosition(number, 0);
		// The new file's name must be on disk before a flushed entry in it counts as durable.
		flushDirectory(directory);
	}

	/** How many flushes to disk appends have waited for since the journal was opened. */
	public synchronized long flushes() {
		return flushes;
	}

	/** Where the written entries end. */
	public JournalPosition end() {
		return end;
	}

	/** The oldest segment still on disk (the mover starts there when the database knows nothing of this journal). */
	public JournalPosition start() throws IOException {
		return new JournalPosition(segments(directory).get(0), 0);
	}

	/**
	 * Reads up to {@code max} whole entries from {@code from}. A finished segment (not the one
	 * being written) read to its end leads on to the next one; the one being written is read only as
	 * far as whole entries were written. Zeros where an entry's header would be end the entries;
	 * whatever is not zero after the last whole entry is counted as damaged.
	 */
	public JournalRead read(JournalPosition from, int max) throws IOException {
		JournalPosition writtenSoFar = end;
		boolean writing = from.segment() == writtenSoFar.segment();
		Path file = segmentFile(from.segment());
		if (!writing && !Files.exists(file)) {
			return new JournalRead(List.of(), nextSegmentAfter(from.segment()), 0);
		}
		List<AuditRecord> records = new ArrayList<>();
		long position = from.offset();
		long limit;
		boolean damaged = false;
		boolean ended = false;
		try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
			limit = writing ? writtenSoFar.offset() : in.size();
			Chunks chunks = new Chunks(in, limit);
			while (records.size() < max && position + EntryFormat.HEADER_BYTES <= limit) {
				ByteBuffer header = chunks.bytes(position, EntryFormat.HEADER_BYTES);
				int length = header.getInt();
				int checksum = header.getInt();
				if (length == 0 && checksum == 0) {
					// Zeros written ahead: the entries end here.
					ended = true;
					break;
				}
				if (length <= 0 || length > EntryFormat.MAX_PAYLOAD || position + EntryFormat.HEADER_BYTES + length > limit) {
					damaged = true;
					break;
				}
				byte[] payload = new byte[length];
				chunks.bytes(position + EntryFormat.HEADER_BYTES, length).get(payload);
				AuditRecord record = EntryFormat.intact(payload, checksum) ? decode(payload) : null;
				if (record == null) {
					damaged = true;
					break;
				}
				records.add(record);
				position += EntryFormat.HEADER_BYTES + length;
			}
			if (records.isEmpty() && (ended || damaged)) {
				// What follows the last whole entry: zeros written ahead (of a crashed process), or damage up to its last byte that is not zero.
				limit = position + chunks.nonZeroExtent(position);
				// In the segment being written, zeros before the end of its entries are damage too.
				damaged = limit > position || writing;
			}
		}
		if (!records.isEmpty()) {
			return new JournalRead(records, new JournalPosition(from.segment(), position), 0);
		}
		if (writing) {
			if (damaged) {
				// Damage inside the segment being written: start a new one, so the damaged one can be finished and passed.
				synchronized (this) {
					if (!closed && segment == from.segment()) {
						roll();
					}
				}
			}
			return new JournalRead(List.of(), from, 0);
		}
		return new JournalRead(List.of(), nextSegmentAfter(from.segment()), limit - position);
	}

	private static AuditRecord decode(byte[] payload) {
		try {
			return EntryFormat.read(payload);
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/**
	 * A segment read a chunk at a time, so the many small entries of a chunk cost one read; an
	 * entry larger than a chunk is read whole.
	 */
	private static final class Chunks {
		private final FileChannel in;
		private final long limit;
		private ByteBuffer chunk = ByteBuffer.allocate(0);
		private long chunkStart;

		Chunks(FileChannel in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		/** The {@code length} bytes at {@code position} (which the caller knows lie before the limit). */
		ByteBuffer bytes(long position, int length) throws IOException {
			if (position < chunkStart || position + length > chunkStart + chunk.limit()) {
				chunk = ByteBuffer.allocate((int) Math.max(length, Math.min(READ_CHUNK, limit - position)));
				chunkStart = position;
				while (chunk.hasRemaining() && in.read(chunk, chunkStart + chunk.position()) >= 0) {
					// Until the chunk is full or the file ends.
				}
				chunk.flip();
			}
			return chunk.slice((int) (position - chunkStart), length);
		}

		/** How many bytes from {@code position} to the last one before the limit that is not zero. */
		long nonZeroExtent(long position) throws IOException {
			long extent = 0;
			for (long at = position; at < limit; ) {
				int length = (int) Math.min(READ_CHUNK, limit - at);
				ByteBuffer bytes = bytes(at, length);
				for (int i = length - 1; i >= 0; i--) {
					if (bytes.get(i) != 0) {
						extent = at + i + 1 - position;
						break;
					}
				}
				at += length;
			}
			return extent;
		}
	}

	private JournalPosition nextSegmentAfter(long number) throws IOException {
		for (long candidate : segments(directory)) {
			if (candidate > number) {
				return new JournalPosition(candidate, 0);
			}
		}
		return new JournalPosition(end.segment(), 0);
	}

	/** Deletes the segments before {@code position}'s (their records are chained). */
	public void deleteBefore(JournalPosition position) throws IOException {
		for (long number : segments(directory)) {
			if (number < position.segment() && number != end.segment()) {
				Files.deleteIfExists(segmentFile(number));
			}
		}
	}

	private Path segmentFile(long number) {
		return directory.resolve(String.format("segment-%016d.journal", number));
	}

	private static List<Long> segments(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(f -> SEGMENT.matcher(f.getFileName().toString()))
					.filter(Matcher::matches)
					.map(m -> Long.parseLong(m.group(1)))
					.sorted()
					.toList();
		}
	}

	private static String nodeId(Path directory) throws IOException {
		Path file = directory.resolve("node-id");
		if (Files.exists(file)) {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		String id = UUID.randomUUID().toString();
		Path temporary = directory.resolve("node-id.tmp");
		Files.writeString(temporary, id, StandardCharsets.UTF_8);
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		flushDirectory(directory);
		return id;
	}

	private static void flushDirectory(Path directory) throws IOException {
		try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
			dir.force(true);
		}
	}

	/** Flushes and closes the written segment; appends fail from now on. */
	@Override
	public synchronized void close() throws IOException {
		if (closed) {
			return;
		}
		closed = true;
		try {
			finishSegment();
			// Everything written is on disk: whoever still waits for a flush has it.
			flushed = end;
		} finally {
			notifyAll();
			lock.release();
			lockChannel.close();
		}
	}
}
