using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Benchmark;

/// <summary>What the figures were measured on: they mean little without it.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memoryKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        var memory = long.TryParse(memoryKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GB" : "unknown";
        var os = ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;
        return $"{cpu}, {Environment.ProcessorCount} cores, {memory} memory, {os} ({RuntimeInformation.OSDescription.Split(' ').Take(2).Aggregate((a, b) => a + " " + b)}), " +
               $"{RuntimeInformation.FrameworkDescription}, Node {Run("node", "--version")}, commit {Run("git", "rev-parse --short HEAD")}";
    }

    /// <summary>The 1, 5 and 15-minute load averages: a shared machine's other work shows here, and in every figure.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ReadField(string path, string name, char separator = ':')
    {
        if (!File.Exists(path))
            return null;
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator);
            if (at > 0 && line[..at].Trim() == name)
                return line[(at + 1)..].Trim();
        }
        return null;
    }

    private static string Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Demo.AzuriteInstance.RepoRoot,
            });
            var output = process!.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
