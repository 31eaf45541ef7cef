using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace NuXe.Output;

/// <summary>Another process (or another run in this process) holds the output folder; one line names it and the pid.</summary>
public sealed class OutputFolderBusyException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutputFolderBusyException(string folder, int pid, string lockFile)
        : base($"output folder {folder} is in use by process {pid} (lock file {lockFile}); wait for it to finish or choose another --out") { }
}

/// <summary>
/// An output folder that changes only when a run completes. Files are written into a staging folder next to the target
/// (<c>.NAME.staging-PID-ID</c>, same file system), each one complete before it appears (<see cref="SafeFile"/>).
/// <see cref="Commit"/> moves them into the target by rename, the completion files (by default <c>results.json</c>,
/// <c>manifest.json</c>, <c>report.md</c>) last, so a folder that holds them is complete. Files of the target that this
/// run does not write are kept. An interrupted run (exception, Ctrl-C, kill) leaves the target untouched; a commit that
/// was interrupted half-way is finished by the next <see cref="Open"/> of the same folder (it is journalled by a
/// <c>.commit</c> file in the staging folder). A lock file <c>.NAME.nuxe-lock</c> next to the target holds the owner's
/// pid: a second process (or run) targeting the same folder gets <see cref="OutputFolderBusyException"/>; a lock whose
/// process is gone is taken over.
/// </summary>
public sealed class AtomicOutputFolder : IDisposable
{
    /// <summary>The completion files of a study run, in the order they are moved into place.</summary>
    public static readonly IReadOnlyList<string> StudyCompletionFiles = ["results.json", "manifest.json", "report.md"];

    /// <summary>Longest file-name component accepted (bytes, Linux NAME_MAX minus room for the staging suffix).</summary>
    public const int MaxNameBytes = 200;

    /// <summary>Longest full path accepted (characters).</summary>
    public const int MaxPathChars = 3000;

    const string CommitJournal = ".commit";
    static readonly ConcurrentDictionary<string, byte> HeldInProcess = new(StringComparer.Ordinal);

    readonly IReadOnlyList<string> _completionFiles;
    readonly FileStream _lock;
    readonly string _lockPath;
    readonly List<string> _written = [];
    bool _committed, _disposed;

    AtomicOutputFolder(string target, string staging, string lockPath, FileStream lockStream, IOutputFileSystem fs, IReadOnlyList<string> completionFiles)
    {
        TargetDirectory = target; StagingDirectory = staging; _lockPath = lockPath; _lock = lockStream; FileSystem = fs; _completionFiles = completionFiles;
    }

    /// <summary>Absolute target folder (what the user asked for).</summary>
    public string TargetDirectory { get; }

    /// <summary>Absolute staging folder the run writes into.</summary>
    public string StagingDirectory { get; }

    /// <summary>The file system the files are written through.</summary>
    public IOutputFileSystem FileSystem { get; }

    /// <summary>File names written so far, in order.</summary>
    public IReadOnlyList<string> Written { get { lock (_written) return [.. _written]; } }

    /// <summary>
    /// Checks <paramref name="target"/> (a valid, writable folder path, not a file, not under /proc, /sys or /dev),
    /// takes its lock, finishes or removes what interrupted runs left, and creates the staging folder.
    /// </summary>
    /// <exception cref="OutputIOException">The path is invalid or cannot be written; the message names it and the cause.</exception>
    /// <exception cref="OutputFolderBusyException">Another live process or run holds the folder.</exception>
    public static AtomicOutputFolder Open(string target, IOutputFileSystem? fs = null, IReadOnlyList<string>? completionFiles = null)
    {
        fs ??= PhysicalOutputFileSystem.Instance;
        string full = CheckTarget(target);
        string parent = Path.GetDirectoryName(full)!;
        string name = Path.GetFileName(full);
        try { Directory.CreateDirectory(parent); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new OutputIOException(parent, OutputIOException.Describe(e), e); }

        string lockPath = Path.Combine(parent, $".{name}.nuxe-lock");
        var lockStream = AcquireLock(full, lockPath);
        try
        {
            RecoverInterrupted(parent, name, full);
            if (Directory.Exists(full)) ProbeWritable(full);
            string staging = Path.Combine(parent, $".{name}.staging-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
            try { Directory.CreateDirectory(staging); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new OutputIOException(full, OutputIOException.Describe(e), e); }
            return new AtomicOutputFolder(full, staging, lockPath, lockStream, fs, completionFiles ?? StudyCompletionFiles);
        }
        catch
        {
            ReleaseLock(full, lockPath, lockStream);
            throw;
        }
    }

    /// <summary>Validates an output folder path without touching the disk; returns the absolute path.</summary>
    /// <exception cref="OutputIOException">Invalid, too long, a file, the root, or a system folder.</exception>
    public static string CheckTarget(string target)
    {
        if (string.IsNullOrWhiteSpace(target)) throw new OutputIOException("(empty)", "an output folder name is required");
        string full;
        try { full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new OutputIOException(Shorten(target), "not a valid folder path", e); }
        if (full.IndexOf('\0') >= 0) throw new OutputIOException(Shorten(target), "not a valid folder path");
        if (full.Length > MaxPathChars) throw new OutputIOException(Shorten(full), $"path too long ({full.Length} characters; at most {MaxPathChars})");
        foreach (var part in full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            if (Encoding.UTF8.GetByteCount(part) > MaxNameBytes)
                throw new OutputIOException(Shorten(full), $"folder name too long ({Encoding.UTF8.GetByteCount(part)} bytes; at most {MaxNameBytes})");
        foreach (var system in new[] { "/proc", "/sys", "/dev" })
            if (OperatingSystem.IsLinux() && (full == system || full.StartsWith(system + "/", StringComparison.Ordinal)))
                throw new OutputIOException(full, $"{system} is a system folder, not a place for output files; choose a folder on disk");
        if (Path.GetDirectoryName(full) is null) throw new OutputIOException(full, "the root folder cannot be an output folder");
        if (File.Exists(full)) throw new OutputIOException(full, "is a file, not a folder");
        for (var p = Path.GetDirectoryName(full); p is not null; p = Path.GetDirectoryName(p))
            if (File.Exists(p)) throw new OutputIOException(full, $"{p} is a file, not a folder");
        return full;
    }

    static string Shorten(string s) => s.Length <= 120 ? s : s[..60] + "…" + s[^40..];

    /// <summary>Absolute path of <paramref name="fileName"/> in the staging folder (write there, or use the Write methods).</summary>
    public string StagingPath(string fileName) => Path.Combine(StagingDirectory, CheckFileName(fileName));

    /// <summary>Absolute path of <paramref name="fileName"/> in the target folder if it exists there now (the previous complete output), else null.</summary>
    public string? Existing(string fileName)
    {
        var p = Path.Combine(TargetDirectory, CheckFileName(fileName));
        return File.Exists(p) ? p : null;
    }

    /// <summary>Writes a text file (UTF-8) into the staging folder, completely or not at all.</summary>
    public void WriteText(string fileName, string text) => Staged(fileName, p => SafeFile.WriteAllText(p, text, FileSystem));

    /// <summary>Writes bytes into the staging folder.</summary>
    public void WriteBytes(string fileName, byte[] bytes) => Staged(fileName, p => SafeFile.WriteAllBytes(p, bytes, FileSystem));

    /// <summary>Writes a stream's worth into the staging folder.</summary>
    public void Write(string fileName, Action<Stream> write) => Staged(fileName, p => SafeFile.Write(p, write, FileSystem));

    // errors name the file the user will look for (in the target), not the staging copy
    void Staged(string fileName, Action<string> write)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try { write(StagingPath(fileName)); }
        catch (OutputIOException e) { throw new OutputIOException(Path.Combine(TargetDirectory, fileName), e.Cause + "; the folder keeps its previous contents", e); }
        Add(fileName);
    }

    void Add(string fileName) { lock (_written) if (!_written.Contains(fileName)) _written.Add(fileName); }

    /// <summary>
    /// Moves every staged file into the target (creating it), the completion files last, then removes the staging folder.
    /// After an exception the next <see cref="Open"/> finishes the move.
    /// </summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed) throw new InvalidOperationException("already committed");
        var files = Directory.EnumerateFiles(StagingDirectory).Select(Path.GetFileName).OfType<string>()
            .Where(f => f != CommitJournal && !IsTemp(f)).ToList();
        var ordered = files.Where(f => !_completionFiles.Contains(f)).Order(StringComparer.Ordinal)
            .Concat(_completionFiles.Where(files.Contains)).ToList();
        try
        {
            SafeFile.WriteAllText(Path.Combine(StagingDirectory, CommitJournal), string.Join('\n', ordered.Prepend(string.Join('|', _completionFiles))) + "\n");
            MoveInto(StagingDirectory, TargetDirectory, ordered, _completionFiles);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (e is OutputIOException) throw;
            throw new OutputIOException(TargetDirectory, OutputIOException.Describe(e), e);
        }
        _committed = true;
    }

    static bool IsTemp(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);

    static void MoveInto(string staging, string target, IReadOnlyList<string> ordered, IReadOnlyList<string> completion)
    {
        Directory.CreateDirectory(target);
        // the folder stops claiming completeness before any of its files change
        if (ordered.Any(f => File.Exists(Path.Combine(staging, f))))
            foreach (var f in completion) { var p = Path.Combine(target, f); if (File.Exists(p)) File.Delete(p); }
        foreach (var f in ordered)
        {
            var from = Path.Combine(staging, f);
            if (File.Exists(from)) File.Move(from, Path.Combine(target, f), overwrite: true);
        }
        Directory.Delete(staging, recursive: true);
    }

    /// <summary>Removes the staging folder if not committed and releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_committed)
            try { if (Directory.Exists(StagingDirectory)) Directory.Delete(StagingDirectory, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        ReleaseLock(TargetDirectory, _lockPath, _lock);
    }

    static string CheckFileName(string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || Path.GetFileName(fileName) != fileName || fileName is "." or ".." || fileName == CommitJournal
            || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"'{fileName}' must be a plain file name inside the output folder");
        return fileName;
    }

    static FileStream AcquireLock(string target, string lockPath)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var s = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
                var pid = Encoding.ASCII.GetBytes(Environment.ProcessId + "\n");
                s.Write(pid); s.Flush(true);
                HeldInProcess[target] = 0;
                return s;
            }
            catch (IOException) when (File.Exists(lockPath) && attempt < 3)
            {
                int holder = ReadPid(lockPath);
                bool alive = holder > 0 && (holder == Environment.ProcessId ? HeldInProcess.ContainsKey(target) : IsAlive(holder));
                if (alive) throw new OutputFolderBusyException(target, holder, lockPath);
                if (holder < 0 && (DateTime.UtcNow - File.GetLastWriteTimeUtc(lockPath)).TotalSeconds < 5) { Thread.Sleep(200); continue; } // being written
                SafeFile.TryDelete(lockPath); // stale: its process is gone
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string where = Path.GetDirectoryName(lockPath)!;
                throw new OutputIOException(target, $"{OutputIOException.Describe(e)} in {where}, where the lock and staging folder go (next to the output folder); choose an output folder inside a writable folder", e);
            }
        }
    }

    static void ReleaseLock(string target, string lockPath, FileStream stream)
    {
        HeldInProcess.TryRemove(target, out _);
        try { stream.Dispose(); File.Delete(lockPath); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    static int ReadPid(string lockPath)
    {
        try
        {
            using var s = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var r = new StreamReader(s);
            return int.TryParse(r.ReadLine(), out var pid) && pid > 0 ? pid : -1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return -1; }
    }

    static bool IsAlive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }

    /// <summary>Staging folders left by dead runs: finish a journalled commit, delete the rest (we hold the lock).</summary>
    static void RecoverInterrupted(string parent, string name, string target)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, $".{name}.staging-*"))
        {
            var journal = Path.Combine(dir, CommitJournal);
            try
            {
                if (File.Exists(journal))
                {
                    var lines = File.ReadAllLines(journal).Where(l => l.Length > 0).ToList();
                    var completion = lines.Count > 0 ? lines[0].Split('|', StringSplitOptions.RemoveEmptyEntries) : [];
                    MoveInto(dir, target, lines.Skip(1).ToList(), completion);
                }
                else Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputIOException(dir, "cannot clean up what an interrupted run left: " + OutputIOException.Describe(e), e);
            }
        }
    }

    static void ProbeWritable(string dir)
    {
        var probe = Path.Combine(dir, $".nuxe-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try { using (File.Create(probe)) { } File.Delete(probe); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new OutputIOException(dir, OutputIOException.Describe(e), e); }
    }
}
