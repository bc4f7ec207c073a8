using System.Globalization;

namespace Chaos;

/// <summary>The command line of the chaos run.</summary>
public sealed record ChaosOptions
{
    public int Orders { get; init; } = 1000;
    public int Seed { get; init; } = Environment.TickCount & 0x7fffffff;
    public bool SeedGiven { get; init; }
    /// <summary>Worker kills; default one per 50 orders, at least 5.</summary>
    public int Kills { get; init; }
    /// <summary>How long faults are injected (kills, partner faults, outages, copies of messages); default grows with the orders.</summary>
    public TimeSpan ChaosWindow { get; init; }
    /// <summary>How long an outage lasts (carrier and channel), compressed from hours to seconds.</summary>
    public TimeSpan OutageLength { get; init; } = TimeSpan.FromSeconds(40);
    /// <summary>How long to wait for the pipeline to drain once the chaos window ends.</summary>
    public TimeSpan Timeout { get; init; }
    public bool Verbose { get; init; }
    /// <summary>Azurite restarted once, its data kept (on disk for this run).</summary>
    public bool RestartAzurite { get; init; } = true;
    /// <summary>No faults at all: the same orders through the same stack, for a baseline drain time.</summary>
    public bool Calm { get; init; }

    public const string Usage = """
        Usage: dotnet run --project tools/Chaos -c Release -- [options]
          --orders N           channel orders to seed across the stores (default 1000)
          --seed N             seed of every random choice; the same seed repeats the same run (default: random, printed)
          --kills N            worker kills (default: orders / 50, at least 5)
          --chaos-seconds N    how long faults are injected (default 40 + orders / 4)
          --outage-seconds N   length of the carrier outage and of the channel outage (default 40)
          --timeout-seconds N  how long to wait for the drain after the faults end (default 240 + orders / 2)
          --no-azurite-restart keep Azurite in memory and do not restart it
          --calm               no faults at all (a baseline for the drain time)
          --verbose            the host's and the worker's logs
        Exit code 0 when every verified figure is 0; 1 otherwise; 2 for bad arguments.
        """;

    public static ChaosOptions Parse(string[] args)
    {
        var options = new ChaosOptions();
        int? kills = null, chaos = null, timeout = null;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new ArgumentException($"{args[i]} needs a whole number.");
            switch (args[i])
            {
                case "--orders": options = options with { Orders = Next() }; break;
                case "--seed": options = options with { Seed = Next(), SeedGiven = true }; break;
                case "--kills": kills = Next(); break;
                case "--chaos-seconds": chaos = Next(); break;
                case "--outage-seconds": options = options with { OutageLength = TimeSpan.FromSeconds(Next()) }; break;
                case "--timeout-seconds": timeout = Next(); break;
                case "--no-azurite-restart": options = options with { RestartAzurite = false }; break;
                case "--verbose": options = options with { Verbose = true }; break;
                case "--calm": options = options with { Calm = true, RestartAzurite = false }; break;
                case "-h" or "--help": throw new ArgumentException("");
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        if (options.Orders < 20)
            throw new ArgumentException("--orders must be at least 20 (every kind of order is seeded on every channel).");
        return options with
        {
            Kills = kills ?? Math.Max(5, options.Orders / 50),
            ChaosWindow = TimeSpan.FromSeconds(chaos ?? 40 + options.Orders / 4),
            Timeout = TimeSpan.FromSeconds(timeout ?? 240 + options.Orders / 2),
        };
    }
}
