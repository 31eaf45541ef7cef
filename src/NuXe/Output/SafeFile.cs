using System.Text;

namespace NuXe.Output;

/// <summary>
/// Where output bytes go: the real file system, or (in tests) one that fails like a full disk. Injected into
/// <see cref="SafeFile"/> and <see cref="AtomicOutputFolder"/>.
/// </summary>
public interface IOutputFileSystem
{
    /// <summary>Creates (or truncates) a file for writing.</summary>
    Stream Create(string path);

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, replacing <paramref name="to"/> (atomic on one file system).</summary>
    void Move(string from, string to);

    /// <summary>Forces written data of <paramref name="stream"/> to the device before it is renamed into place.</summary>
    void Flush(Stream stream);
}

/// <summary>The real file system.</summary>
public sealed class PhysicalOutputFileSystem : IOutputFileSystem
{
    /// <summary>The single instance.</summary>
    public static readonly PhysicalOutputFileSystem Instance = new();

    PhysicalOutputFileSystem() { }

    /// <inheritdoc/>
    public Stream Create(string path) => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

    /// <inheritdoc/>
    public void Move(string from, string to) => File.Move(from, to, overwrite: true);

    /// <inheritdoc/>
    public void Flush(Stream stream)
    {
        if (stream is FileStream f) f.Flush(flushToDisk: true); else stream.Flush();
    }
}

/// <summary>
/// A file could not be written or read (disk full, read-only, permission, invalid path): the message is one line naming
/// the path and the cause. The user can fix it, so the CLI exits with code 2.
/// </summary>
public sealed class OutputIOException : IOException
{
    /// <summary>The path that failed.</summary>
    public string Path { get; }

    /// <summary>The cause in words ("no space left on device", "permission denied", ...).</summary>
    public string Cause { get; }

    /// <summary>Creates the exception.</summary>
    public OutputIOException(string path, string cause, Exception? inner = null)
        : base($"cannot write {path}: {cause}", inner) { Path = path; Cause = cause; }

    /// <summary>The cause of an I/O exception in plain words (no .NET type names).</summary>
    public static string Describe(Exception e)
    {
        // Linux errno in the low 16 bits of HResult for IOExceptions raised by the runtime's Unix file layer
        int errno = e.HResult & 0xFFFF;
        if (e is IOException && e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)) return "no space left on device (disk full)";
        if (e is IOException && e.Message.Contains("Disk quota", StringComparison.OrdinalIgnoreCase)) return "disk quota exceeded";
        if (e is IOException && e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase)) return "read-only file system";
        return e switch
        {
            PathTooLongException => "path or file name too long",
            UnauthorizedAccessException => "permission denied (read-only folder or not allowed)",
            DirectoryNotFoundException => "folder does not exist",
            FileNotFoundException => "file not found",
            IOException when errno == 28 => "no space left on device (disk full)",
            IOException when errno == 30 => "read-only file system",
            IOException when errno == 36 => "path or file name too long",
            _ => FirstLine(e.Message),
        };
    }

    static string FirstLine(string s)
    {
        var line = s.Split('\n')[0].Trim();
        return line.Length == 0 ? "input/output error" : line;
    }
}

/// <summary>
/// Writes a file completely or not at all: the bytes go to a temporary file next to the target, are flushed to the
/// device, and the temporary file is renamed over the target. A failure (e.g. disk full) deletes the temporary file,
/// leaves any previous target untouched and throws <see cref="OutputIOException"/> naming the path.
/// </summary>
public static class SafeFile
{
    static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string text, IOutputFileSystem? fs = null)
        => WriteAllBytes(path, Utf8NoBom.GetBytes(text), fs);

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, IOutputFileSystem? fs = null)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy), fs);
    }

    /// <summary>Writes whatever <paramref name="write"/> puts into the stream.</summary>
    public static void Write(string path, Action<Stream> write, IOutputFileSystem? fs = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        fs ??= PhysicalOutputFileSystem.Instance;
        string full;
        try { full = System.IO.Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new OutputIOException(path, "not a valid path", e); }
        var dir = System.IO.Path.GetDirectoryName(full) ?? throw new OutputIOException(path, "not a file path");
        var temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = fs.Create(temp))
            {
                write(stream);
                fs.Flush(stream);
            }
            fs.Move(temp, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            if (e is OutputIOException) throw;
            throw new OutputIOException(full, OutputIOException.Describe(e), e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    internal static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

/// <summary>
/// A NaN or ±Infinity reached an output writer (results, tables, JSON). Inputs are validated, so this is a bug: the run
/// stops with one line naming the value instead of writing it. The CLI exits with code 1.
/// </summary>
public sealed class NonFiniteValueException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="what"/> (e.g. "results key 'a.b'").</summary>
    public NonFiniteValueException(string what, double value = double.NaN)
        : base($"{what} is {Show(value)}, not a finite number; output files allow finite numbers only, so the run stopped") { }

    static string Show(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";

    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    public static double Check(string what, double value) => double.IsFinite(value) ? value : throw new NonFiniteValueException(what, value);
}
